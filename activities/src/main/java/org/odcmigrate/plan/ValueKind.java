package org.odcmigrate.plan;

/** How a column's values travel from the O11 source to the ODC stage. */
public enum ValueKind {
  INTEGER,
  LONG_INTEGER,
  TEXT,
  /** Text of unbounded length (nvarchar(max)): read as a stream when long. */
  LONG_TEXT,
  BOOLEAN,
  DATE_TIME,
  DATE,
  TIME,
  DECIMAL,
  BINARY,
  /** An O11 integer user id, rewritten to the ODC user's uuid. */
  USER_REFERENCE
}
