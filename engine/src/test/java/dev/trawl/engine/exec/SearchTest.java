package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search operator against the docs' examples (search-operator.md): the sample tables below are small
 * stand-ins for the docs' ContosoSales tables, with rows chosen so that each documented rule (term match,
 * wildcards, columns, case sensitivity, $table) decides which rows come back.
 */
class SearchTest {
    private final Engine engine = TestTables.register(new Engine(Instant.parse("2024-01-31T12:00:00Z")),
            "Customers", """
                    datatable(CustomerKey:long, FirstName:string, LastName:string, CityName:string)
                    [16549, 'Mason', 'Green', 'Ballard',
                     802, 'Aaron', 'Sharma', 'Bellevue',
                     986, 'Melanie', 'Hughes', 'Greenwood',
                     10152, 'Aaron', 'Campbell', 'Seattle']""",
            "Products", """
                    datatable(ProductName:string, Manufacturer:string, ColorName:string, ClassName:string)
                    ['Contoso 8GB Clock & Radio MP3 Player X850 Green', 'Contoso, Ltd', 'Green', 'Deluxe',
                     'Proseware Duplex Scanner M200 Green', 'Proseware, Inc.', 'Green', 'Regular',
                     'Contoso Bright Light battery E20 blue', 'Contoso, Ltd', 'blue', 'Economy',
                     'Litware 120mm Blue LED Case Fan E901', 'Litware, Inc.', 'Black', 'Economy',
                     'NT Wireless Bluetooth Stereo Headphones M402 Green', 'Northwind Traders', 'GREEN', 'Regular']""",
            "SalesTable", """
                    datatable(DateKey:datetime, Buyer:string, SalesAmount:real)
                    [datetime(2021-12-13), 'Hughes', 446.4715,
                     datetime(2008-06-01), 'Hughes', 120.555,
                     datetime(2021-12-13), 'Green', 48.4405]""");

    private List<String> rows(String query) {
        return TestTables.rows(engine.run(query));
    }

    @Test
    void aTermIsLookedForInEveryColumnOfEveryTableWithTheTableNamedInDollarTable() {
        // search "Green": the term Green as a last name, a colour, a buyer; any case ("GREEN" too), but
        // "Greenwood" is not the term Green.
        assertEquals(List.of(
                "$table:string|CustomerKey:long|FirstName:string|LastName:string|CityName:string|ProductName:string"
                        + "|Manufacturer:string|ColorName:string|ClassName:string|DateKey:datetime|Buyer:string"
                        + "|SalesAmount:real",
                "Customers|16549|Mason|Green|Ballard|||||||",
                "Products|||||Contoso 8GB Clock & Radio MP3 Player X850 Green|Contoso, Ltd|Green|Deluxe|||",
                "Products|||||Proseware Duplex Scanner M200 Green|Proseware, Inc.|Green|Regular|||",
                "Products|||||NT Wireless Bluetooth Stereo Headphones M402 Green|Northwind Traders|GREEN|Regular|||",
                "SalesTable|||||||||2021-12-13T00:00:00.0000000Z|Green|48.4405"), rows("search \"Green\""));
    }

    /**
     * Without tables, search looks in the database's tables and the views the query declares (docs:
     * let-statement.md, "Create a view or virtual table"); a let that is not a view is not searched, and a
     * view named like a table takes its place.
     */
    @Test
    void searchWithoutTablesAlsoLooksInTheQuerysViews() {
        assertEquals(List.of("$table:string|n:long|Buyer:string", "Recent|7|", "SalesTable||Green"), rows("""
                let Recent = view () { range n from 5 to 9 step 1 };
                let NotAView = () { range n from 5 to 9 step 1 };
                search n == 7 or Buyer == "Green" | project $table, n, Buyer"""));
        assertEquals(List.of("$table:string|n:long", "Customers|1"), rows("""
                let Customers = view () { print n = 1 };
                search n == 1 | project $table, n"""));
    }

    @Test
    void termsCombineWithAndOrAndParentheses() {
        assertEquals(List.of("Contoso 8GB Clock & Radio MP3 Player X850 Green", "Proseware Duplex Scanner M200 Green"),
                column(rows("search \"Green\" and (\"Deluxe\" or \"Proseware\") | project ProductName"), 0));
    }

    @Test
    void inRestrictsTheTablesAndTheSchemaIsTheirs() {
        List<String> found = rows("search in (Products) \"Green\"");
        assertEquals("$table:string|ProductName:string|Manufacturer:string|ColorName:string|ClassName:string",
                found.get(0));
        assertEquals(4, found.size(), "header and the three green products");
        assertTrue(found.stream().skip(1).allMatch(row -> row.startsWith("Products|")));
    }

    @Test
    void caseSensitiveKindMatchesOnlyTheExactCase() {
        // "blue" as written: the battery (colour blue), not the fan (Blue) nor the headphones (Bluetooth).
        assertEquals(List.of("Contoso Bright Light battery E20 blue"),
                column(rows("search kind=case_sensitive in (Products) \"blue\" | project ProductName"), 0));
        assertEquals(List.of("Contoso Bright Light battery E20 blue", "Litware 120mm Blue LED Case Fan E901"),
                column(rows("search kind=case_insensitive in (Products) \"blue\" | project ProductName"), 0));
        assertEquals(column(rows("search in (Products) \"blue\" | project ProductName"), 0),
                column(rows("search kind=default in (Products) \"blue\" | project ProductName"), 0));
    }

    @Test
    void aColumnRestrictedTermLooksInThatColumnOnly() {
        // search FirstName:"Aaron" or LastName:"Hughes": the docs' "Search specific columns" example. The
        // buyer Hughes in SalesTable is not a LastName.
        assertEquals(List.of("802", "986", "10152"), column(rows("""
                search FirstName:"Aaron" or LastName:"Hughes" | project CustomerKey"""), 0));
        assertEquals(List.of("986"), column(rows("search in (Customers) CityName:\"greenwood\" | project CustomerKey"), 0));
    }

    @Test
    void termsMixWithOrdinaryPredicatesOverColumnsOfSomeTables() {
        // search "Hughes" and DateKey > datetime('2009-01-01'): rows of other tables have no DateKey (null).
        assertEquals(List.of("SalesTable|2021-12-13T00:00:00.0000000Z|446.4715"), rows("""
                search "Hughes" and DateKey > datetime('2009-01-01') | project $table, DateKey, SalesAmount""")
                .subList(1, 2));
        assertEquals(2, rows("search \"Hughes\" and DateKey > datetime('2009-01-01')").size());
    }

    @Test
    void wildcardsChooseTheOperatorAsTheDocsTableSays() {
        String products = "search in (Products) ";
        // err* is hasprefix, *err hassuffix, *err* contains, bi*lg a regex between term boundaries.
        assertEquals(List.of("Litware 120mm Blue LED Case Fan E901",
                        "NT Wireless Bluetooth Stereo Headphones M402 Green"),
                column(rows(products + "\"Blue*\" and not(ColorName == 'blue') | project ProductName"), 0));
        assertEquals(List.of("NT Wireless Bluetooth Stereo Headphones M402 Green"),
                column(rows(products + "\"*phones\" | project ProductName"), 0));
        assertEquals(List.of("Litware 120mm Blue LED Case Fan E901"),
                column(rows(products + "\"*twa*\" | project ProductName"), 0));
        assertEquals(List.of("Contoso 8GB Clock & Radio MP3 Player X850 Green"),
                column(rows(products + "\"Clock*MP3\" | project ProductName"), 0));
        assertEquals(List.of(), column(rows(products + "\"lock*MP3\" | project ProductName"), 0),
                "the regex starts at a term boundary");
        assertEquals(List.of(), column(rows(products + "\"Gree\" | project ProductName"), 0), "has, not contains");
    }

    @Test
    void starMatchesEveryRowAndEqualityIsExact() {
        assertEquals(6, rows("search in (Products) *").size());
        assertEquals(List.of("Contoso 8GB Clock & Radio MP3 Player X850 Green", "Proseware Duplex Scanner M200 Green"),
                column(rows("search in (Products) ColorName == \"Green\" | project ProductName"), 0));
        assertEquals(List.of("Contoso Bright Light battery E20 blue"),
                column(rows("search in (Products) ColorName matches regex \"^b.*e$\" | project ProductName"), 0));
    }

    @Test
    void starStandsForEveryColumnInWhereAndSearch() {
        assertEquals(List.of("986", "802"), column(rows("""
                Customers | where * has "hughes" or * hasprefix "Shar" | project CustomerKey | sort by CustomerKey desc"""), 0));
        assertEquals(List.of("Ballard"), column(rows("search in (Customers) * contains \"lar\" | project CityName"), 0));
        QueryException negated = assertThrows(QueryException.class, () -> engine.run("Customers | where * !has 'x'"));
        assertEquals("KQL2099", negated.diagnostics().get(0).code());
    }

    @Test
    void searchAfterAPipeSearchesItsInputAndNamesTheTable() {
        assertEquals(List.of("$table:string|CustomerKey:long|FirstName:string|LastName:string|CityName:string",
                "Customers|802|Aaron|Sharma|Bellevue", "Customers|10152|Aaron|Campbell|Seattle"),
                rows("Customers | search \"aaron\""));
        assertEquals(List.of("union_arg0|802"), rows("Customers | project CustomerKey | search \"802\"").subList(1, 2));
        QueryException both = assertThrows(QueryException.class, () -> engine.run("Customers | search in (Products) 'x'"));
        assertEquals("KQL2008", both.diagnostics().get(0).code());
    }

    @Test
    void tablesInTheListMayBeLetNamesOrWildcards() {
        assertEquals(List.of("Customers", "Customers"), column(rows("search in (C*) \"Aaron\""), 0));
        assertEquals(List.of("greens|Mason"), rows("""
                let greens = Customers | where LastName == 'Green';
                search in (greens, Products) "Mason" | project $table, FirstName""").subList(1, 2));
    }

    @Test
    void everyColumnIsSearchedAsItsTextIncludingNumbersAndDynamics() {
        assertEquals(List.of("Customers|16549"), rows("search \"16549\" | project $table, CustomerKey").subList(1, 2));
        assertEquals(List.of("b"), column(rows("""
                datatable(k:string, RawEventData:dynamic) ['a', dynamic({"Workload":"Exchange"}),
                                                          'b', dynamic({"Workload":"Microsoft365Defender"})]
                | search 'Microsoft365Defender' | project k"""), 0));
    }

    private static List<String> column(List<String> rows, int index) {
        return rows.stream().skip(1).map(row -> row.split("\\|", -1)[index]).toList();
    }
}
