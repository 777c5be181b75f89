package org.odcmigrate.odc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stage names: snake_case of O11 names, always a valid, unquoted-looking PostgreSQL identifier. */
class StageNamesTest {

  /** PostgreSQL keeps identifiers to NAMEDATALEN - 1 bytes and silently cuts longer ones. */
  private static final int MAX_IDENTIFIER_BYTES = 63;

  @ParameterizedTest
  @CsvSource({
    "OrderLine, order_line",
    "CreatedOn, created_on",
    "HTTPServer, http_server",
    "Id, id",
    "A1B, a1_b",
    "IsVip, is_vip",
    "Order, order",
    "X, x",
    "ProductSKU, product_sku",
    "SKUCode, sku_code",
    "getHTTPResponseCode, get_http_response_code",
    "Customer2Address, customer2_address",
    "Tenant_Id, tenant_id",
    "Is_Active, is_active",
    "already_snake, already_snake",
    "'  Spaced  Name ', spaced_name",
    "__Weird__Name__, weird_name",
    "a--b, a_b",
    "Ação, ação",
    "ÉclairÀLaCrème, éclair_à_la_crème",
    "Emoji😀Name, emoji_name",
    "V2, v2",
    "ABC, abc"
  })
  void snakeCase(String o11Name, String expected) {
    assertThat(StageNames.snake(o11Name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "_", "___", " ", "😀", "-+-"})
  void aNameWithoutLettersOrDigitsIsRefused(String o11Name) {
    assertThatThrownBy(() -> StageNames.snake(o11Name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no letters or digits");
  }

  @Test
  void longNamesFitPostgresIdentifiersInBytes() {
    String ascii = "ThisIsAnExtremelyLongAttributeNameThatSomebodyTypedIntoServiceStudioOneDay";
    assertValidIdentifier(StageNames.snake(ascii));
    assertThat(StageNames.snake(ascii)).startsWith("this_is_an_extremely_long_attribute_name");
    // Two bytes per letter in UTF-8: 63 characters would be 126 bytes, which PostgreSQL would cut.
    String accented = "ação".repeat(20);
    String snake = StageNames.snake(accented);
    assertValidIdentifier(snake);
    assertThat(snake).matches(".*_[0-9a-f]{8}");
    assertThat(accented).startsWith(snake.substring(0, snake.length() - 9));
    assertThat(snake.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(MAX_IDENTIFIER_BYTES - 1, MAX_IDENTIFIER_BYTES);
    assertValidIdentifier(StageNames.snake("ÇãÕéÍóÚàÂê".repeat(10)));
    // Three bytes per letter; the cut never splits a character.
    assertValidIdentifier(StageNames.snake("顧客住所".repeat(20)));
    // A cut that lands on a word boundary leaves no trailing underscore.
    assertValidIdentifier(StageNames.snake("A".repeat(62) + "Bc"));
  }

  @Test
  void everyNameIsValidAndSnakeCaseIsStable() {
    Random random = new Random(42);
    String alphabet = "AbCdEfGhXyZ0123456789_ -ÇãÉé顧😀";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder name = new StringBuilder("N");
      int length = random.nextInt(90);
      for (int c = 0; c < length; c++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String snake = StageNames.snake(name.toString());
      assertValidIdentifier(snake);
      assertThat(StageNames.snake(snake)).as("snake of %s", snake).isEqualTo(snake);
    }
  }

  @Test
  void longNamesAlikeInTheirFirst63BytesStayApart() {
    String common = "TheCustomerContactPreferenceForMarketingCommunicationsByChannel";
    String a = StageNames.snake(common + "Email");
    String b = StageNames.snake(common + "Phone");
    assertValidIdentifier(a);
    assertValidIdentifier(b);
    assertThat(a).isNotEqualTo(b).startsWith("the_customer_contact_preference");
    assertThat(StageNames.snake(common + "Email")).as("the same name every time").isEqualTo(a);
    // The short name that fits is left as it is.
    assertThat(StageNames.snake("CustomerName")).isEqualTo("customer_name");
  }

  @Test
  void namesMergedBySnakeCaseGetTheirOwnHashWhateverTheOrder() {
    Map<String, String> names =
        StageNames.distinct(List.of("Customer", "CUSTOMER", "OrderLine", "Order"), "entities of M");
    assertThat(names).containsEntry("OrderLine", "order_line").containsEntry("Order", "order");
    assertThat(names.get("Customer")).matches("customer_[0-9a-f]{8}");
    assertThat(names.get("CUSTOMER"))
        .matches("customer_[0-9a-f]{8}")
        .isNotEqualTo(names.get("Customer"));
    assertThat(
            StageNames.distinct(
                List.of("Order", "OrderLine", "CUSTOMER", "Customer"), "entities of M"))
        .as("another order, the same names")
        .isEqualTo(names);
    assertThat(StageNames.distinct(List.of("Order_Line", "OrderLine"), "entities of M").values())
        .doesNotHaveDuplicates()
        .allSatisfy(StageNamesTest::assertValidIdentifier);
  }

  @Test
  void namesThatStillMeetAreRefusedNamingBoth() {
    String hashedCustomer =
        StageNames.distinct(List.of("Customer", "CUSTOMER"), "x").get("Customer");
    assertThatThrownBy(
            () ->
                StageNames.distinct(
                    List.of("Customer", "CUSTOMER", hashedCustomer), "entities of module Sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the entities of module Sales '"
                + "Customer"
                + "' and '"
                + hashedCustomer
                + "' both map to stage name "
                + hashedCustomer
                + "; rename one of them in O11");
    assertThatThrownBy(
            () -> StageNames.distinct(List.of("Name", "Name"), "attributes of Sales.Customer"))
        .hasMessage(
            "the attributes of Sales.Customer 'Name' and 'Name' both map to stage name name_"
                + StageNames.distinct(List.of("Name", "NAME"), "x").get("Name").substring(5)
                + "; rename one of them in O11");
  }

  @Test
  void runtimeRolesFitPostgresIdentifiersToo() {
    assertThat(StageNames.runtimeRole("customers")).isEqualTo("customers_runtime");
    String schema =
        StageNames.snake("CustomerRelationshipManagementBackofficeCoreServicesAndReports");
    String role = StageNames.runtimeRole(schema);
    assertThat(role.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(MAX_IDENTIFIER_BYTES);
    assertThat(role).endsWith("_runtime");
    assertThat(StageNames.runtimeRole("ação".repeat(15)))
        .endsWith("_runtime")
        .satisfies(
            r ->
                assertThat(r.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(MAX_IDENTIFIER_BYTES));
  }

  @Test
  void quotingDoublesQuotes() {
    assertThat(StageNames.quote("order")).isEqualTo("\"order\"");
    assertThat(StageNames.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(StageNames.qualified("orders", "order")).isEqualTo("\"orders\".\"order\"");
  }

  private static void assertValidIdentifier(String name) {
    assertThat(name)
        .isNotEmpty()
        .doesNotStartWith("_")
        .doesNotEndWith("_")
        .doesNotContain("__")
        .isEqualTo(name.toLowerCase());
    assertThat(name.getBytes(StandardCharsets.UTF_8).length)
        .as("bytes of %s", name)
        .isLessThanOrEqualTo(MAX_IDENTIFIER_BYTES);
    assertThat(name.codePoints().allMatch(cp -> cp == '_' || Character.isLetterOrDigit(cp)))
        .as(name)
        .isTrue();
  }
}
