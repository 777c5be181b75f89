package org.odcmigrate.api.core;

/** A value of the request that cannot be used; the answer is a 422 whose detail names the field. */
public class InvalidValueException extends IllegalArgumentException {

  public InvalidValueException(String message) {
    super(message);
  }
}
