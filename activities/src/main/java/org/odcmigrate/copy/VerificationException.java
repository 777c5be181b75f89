package org.odcmigrate.copy;

/** Source and stage disagree after a copy; the message gives both figures. */
public final class VerificationException extends RuntimeException {

  VerificationException(String message) {
    super(message);
  }
}
