import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CatalogError, findSection, loadCatalog, parseCatalog } from "@/lib/catalog/load";

const fixtures = fileURLToPath(new URL("../fixtures/catalog/", import.meta.url));

function thrown(run: () => unknown): CatalogError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error("expected a CatalogError");
}

describe("loadCatalog", () => {
  it("loads the bundled catalog when FORMATFIT_CATALOG is not set", () => {
    expect(loadCatalog({ env: {} }).institution).toBe("School of Professional Studies");
  });

  it("treats an empty FORMATFIT_CATALOG as not set", () => {
    expect(loadCatalog({ env: { FORMATFIT_CATALOG: "" } }).institution).toBe("School of Professional Studies");
  });

  it("reads the file FORMATFIT_CATALOG names", () => {
    const catalog = loadCatalog({ env: { FORMATFIT_CATALOG: `${fixtures}minimal.json` } });
    expect(catalog.institution).toBe("Lakeside College Continuing Education");
    expect(catalog.courses[0]?.registrarCode).toBe("CE-40213");
  });

  it("resolves a relative path against cwd", () => {
    expect(loadCatalog({ path: "minimal.json", cwd: fixtures, env: {} }).courses[0]?.id).toBe("XL-100");
  });

  it("prefers options.path to the environment", () => {
    const catalog = loadCatalog({ path: `${fixtures}minimal.json`, env: { FORMATFIT_CATALOG: `${fixtures}missing.json` } });
    expect(catalog.institution).toBe("Lakeside College Continuing Education");
  });

  it("reports a missing file with CATALOG_NOT_FOUND, naming the file and where it came from", () => {
    const error = thrown(() => loadCatalog({ env: { FORMATFIT_CATALOG: `${fixtures}missing.json` } }));
    expect(error.code).toBe("CATALOG_NOT_FOUND");
    expect(error.message).toBe(`Catalog file ${fixtures}missing.json (from FORMATFIT_CATALOG) does not exist`);
    expect(error.issues).toEqual([]);
  });

  it("reports a file that is not JSON with CATALOG_NOT_JSON and the line and column", () => {
    const error = thrown(() => loadCatalog({ path: `${fixtures}not-json.json`, env: {} }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("CatalogError");
    expect(error.code).toBe("CATALOG_NOT_JSON");
    expect(error.message).toBe(
      `Catalog file ${fixtures}not-json.json is not JSON: expected a property name in double quotes, found '}' at line 17, column 9`,
    );
    expect(error.position).toEqual({ line: 17, column: 9, offset: 570 });
    expect(error.source).toBe(`${fixtures}not-json.json`);
  });

  it("reports a catalog that breaks the format with CATALOG_INVALID and every issue", () => {
    const error = thrown(() => loadCatalog({ path: `${fixtures}invalid.json`, env: {} }));
    expect(error.code).toBe("CATALOG_INVALID");
    expect(error.issues).toEqual([
      {
        path: "courses[0].sections[0].timeZone",
        message: '"Central Standard Time" is not an IANA time zone; expected a name such as "America/New_York" or "Europe/London"',
      },
      {
        path: "courses[0].sections[0].meetings[0].startTime",
        message: '"6:30 PM" is not a valid time; expected the session\'s start as HH:MM on a 24-hour clock, 00:00–23:59',
      },
    ]);
    expect(error.message).toBe(
      `Catalog file ${fixtures}invalid.json is not a valid catalog (2 problems): ` +
        'courses[0].sections[0].timeZone: "Central Standard Time" is not an IANA time zone; expected a name such as "America/New_York" or "Europe/London"; ' +
        'courses[0].sections[0].meetings[0].startTime: "6:30 PM" is not a valid time; expected the session\'s start as HH:MM on a 24-hour clock, 00:00–23:59',
    );
  });

  it("shares one frozen bundled catalog, so no caller can change it for the others", () => {
    const first = loadCatalog({ env: {} });
    expect(loadCatalog({ env: {} })).toBe(first);
    expect(() => (first.courses as unknown[]).pop()).toThrow(TypeError);
  });
});

describe("parseCatalog", () => {
  it("accepts a byte-order mark", () => {
    const text = '\uFEFF{"institution":"X","courses":[{"id":"C","title":"T","summary":"S","sections":[{"id":"C-A1","format":"asynchronous","timeZone":"UTC","startDate":"2027-01-11","endDate":"2027-01-17","hoursPerWeek":1,"deadlines":[{"rrule":"FREQ=WEEKLY;BYDAY=SU","time":"23:59","title":"Quiz","hours":1}]}]}]}';
    expect(parseCatalog(text, "upload.json").courses[0]?.sections[0]?.id).toBe("C-A1");
  });

  it.each([
    ["", "unexpected end of file at line 1, column 1"],
    ['{"institution": "X",}', "expected a property name in double quotes, found '}' at line 1, column 21"],
    ['{\n  "institution": \'X\'\n}', "expected a value (an object, array, string, number, true, false or null), found ''' at line 2, column 18"],
    ['{"courses": [1 2]}', `expected "," or "]", found '2' at line 1, column 16`],
    ['{"a": 1} {"b": 2}', "expected nothing after the JSON value, found '{' at line 1, column 10"],
  ])("locates the JSON error in %j", (text, where) => {
    const error = thrown(() => parseCatalog(text, "upload.json"));
    expect([error.code, error.message]).toEqual(["CATALOG_NOT_JSON", `Catalog file upload.json is not JSON: ${where}`]);
  });
});

describe("findSection", () => {
  const catalog = loadCatalog({ env: {} });

  it("finds a section and its course by id", () => {
    const found = findSection(catalog, "PM-101-S1");
    expect([found?.course.id, found?.section.id, found?.section.format]).toEqual(["PM-101", "PM-101-S1", "synchronous"]);
  });

  it("matches ids exactly", () => {
    expect(findSection(catalog, "pm-101-s1")).toBeUndefined();
  });
});
