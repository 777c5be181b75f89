package org.odcmigrate.control;

import java.util.List;

/** Undeploys and redeploys apps of an ODC stage. */
public interface StageControl {

  /** Takes the apps out of service; {@code apps} are catalog rows of the stage. */
  void undeploy(String stage, List<StageApp> apps) throws Exception;

  void redeploy(String stage, List<StageApp> apps) throws Exception;

  /** An app as control needs it: its key, name and runtime role. */
  record StageApp(String appKey, String name, String runtimeRole) {}
}
