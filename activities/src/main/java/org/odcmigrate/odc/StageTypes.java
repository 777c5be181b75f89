package org.odcmigrate.odc;

import java.util.Optional;
import java.util.OptionalInt;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Type;
import org.odcmigrate.plan.ValueKind;

/**
 * The stage column type and the value kind of every O11 attribute (our convention, listed in
 * docs/architecture.md, "The stage model").
 */
public final class StageTypes {

  /**
   * O11 Text up to this length is nvarchar(n) in SQL Server and varchar(n) here; longer is text.
   */
  public static final int MAX_VARCHAR_LENGTH = 2000;

  private StageTypes() {}

  /** The PostgreSQL type of the column an attribute is converted into. */
  public static String columnType(O11Attribute attribute, O11Model model) {
    if (attribute.isReference()) {
      return switch (valueKind(attribute, model)) {
        case USER_REFERENCE -> "uuid";
        case INTEGER -> "integer";
        case LONG_INTEGER -> "bigint";
        case TEXT -> "text";
        default ->
            throw new IllegalStateException(
                "reference " + attribute.name() + " to an identifier of an unexpected kind");
      };
    }
    OptionalInt varchar = varcharLength(attribute);
    if (varchar.isPresent()) {
      return "varchar(" + varchar.getAsInt() + ")";
    }
    Optional<Numeric> numeric = numeric(attribute);
    if (numeric.isPresent()) {
      return "numeric(" + numeric.get().precision() + "," + numeric.get().scale() + ")";
    }
    return switch (attribute.type()) {
      case TEXT -> "text";
      case INTEGER -> "integer";
      case LONG_INTEGER -> "bigint";
      case BOOLEAN -> "boolean";
      case DATE_TIME -> "timestamp";
      case DATE -> "date";
      case TIME -> "time";
      case BINARY_DATA -> "bytea";
      case DECIMAL, CURRENCY, EMAIL, PHONE_NUMBER ->
          throw new IllegalStateException("sized above: " + attribute.type());
    };
  }

  /** The length limit of the stage's varchar column for a basic text attribute, if it has one. */
  public static OptionalInt varcharLength(O11Attribute attribute) {
    if (attribute.isReference()) {
      return OptionalInt.empty();
    }
    return switch (attribute.type()) {
      case TEXT ->
          attribute.length() > 0 && attribute.length() <= MAX_VARCHAR_LENGTH
              ? OptionalInt.of(attribute.length())
              : OptionalInt.empty();
      case EMAIL -> OptionalInt.of(250);
      case PHONE_NUMBER -> OptionalInt.of(20);
      default -> OptionalInt.empty();
    };
  }

  /** The precision and scale of a stage numeric column. */
  public record Numeric(int precision, int scale) {}

  /** The stage's numeric size for a Decimal or Currency attribute. */
  public static Optional<Numeric> numeric(O11Attribute attribute) {
    if (attribute.isReference()) {
      return Optional.empty();
    }
    return switch (attribute.type()) {
      case DECIMAL -> Optional.of(new Numeric(attribute.length(), attribute.decimals()));
      case CURRENCY -> Optional.of(new Numeric(37, 8));
      default -> Optional.empty();
    };
  }

  /**
   * How an attribute's values travel: its own type, or for a reference the kind of the target's
   * identifier; references to the User entity become user references (rewritten to uuids). Text
   * without a length limit (stored as nvarchar(max) in O11, text in ODC) is long text.
   */
  public static ValueKind valueKind(O11Attribute attribute, O11Model model) {
    O11Attribute current = attribute;
    for (int depth = 0; depth < 8; depth++) {
      if (!current.isReference()) {
        boolean unbounded =
            current.type() == O11Type.TEXT
                && !(current.length() > 0 && current.length() <= MAX_VARCHAR_LENGTH);
        return unbounded ? ValueKind.LONG_TEXT : valueKind(current.type());
      }
      if (model.isUserReference(current.reference())) {
        return ValueKind.USER_REFERENCE;
      }
      O11Attribute from = current;
      O11Entity target =
          model
              .target(current.reference())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "attribute "
                              + from.name()
                              + " references an entity that is not active in O11 ("
                              + from.typeCode()
                              + ")"));
      current = target.identifier();
    }
    throw new IllegalArgumentException(
        "attribute " + attribute.name() + " is a chain of references without end");
  }

  /** Whether an O11 type is stored as text with a length limit. */
  static boolean hasLength(O11Type type) {
    return type == O11Type.TEXT;
  }

  /** The value kind of a non-reference attribute of this type. */
  private static ValueKind valueKind(O11Type type) {
    return switch (type) {
      case TEXT, EMAIL, PHONE_NUMBER -> ValueKind.TEXT;
      case INTEGER -> ValueKind.INTEGER;
      case LONG_INTEGER -> ValueKind.LONG_INTEGER;
      case BOOLEAN -> ValueKind.BOOLEAN;
      case DATE_TIME -> ValueKind.DATE_TIME;
      case DATE -> ValueKind.DATE;
      case TIME -> ValueKind.TIME;
      case DECIMAL, CURRENCY -> ValueKind.DECIMAL;
      case BINARY_DATA -> ValueKind.BINARY;
    };
  }
}
