// What ordinary applications rely on in MariaDB, asked the same way of every
// flavor (suites/parity.test.ts compares the answers; the benchmark records
// them for a pair of two distributions). An error is an answer
// too (its code and message), so a missing file shows as what it breaks.
// Nothing here depends on the moment or the host: answers compare as they are.
import type { Connection } from "mysql2/promise";

type Facts = Record<string, unknown>;

/** The first row of a query, or the error it raised. */
async function row(db: Connection, sql: string): Promise<unknown> {
  try {
    const [rows] = (await db.query({ sql, rowsAsArray: false })) as unknown as [Facts[]];
    return rows[0];
  } catch (error) {
    const e = error as { code?: string; sqlMessage?: string; message: string };
    return { error: `${e.code ?? "?"}: ${e.sqlMessage ?? e.message}` };
  }
}

/** One column of every row. */
async function column(db: Connection, sql: string): Promise<unknown> {
  try {
    const [rows] = (await db.query({ sql, rowsAsArray: true })) as unknown as [unknown[][]];
    return rows.map((r) => r[0]);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function charsets(db: Connection): Promise<Facts> {
  return {
    "character sets": await column(db, "SELECT CHARACTER_SET_NAME FROM information_schema.CHARACTER_SETS ORDER BY 1"),
    collations: await row(db, "SELECT COUNT(*) AS n FROM information_schema.COLLATIONS"),
    "German collation": await row(db, "SELECT 'Straße' = 'Strasse' COLLATE utf8mb4_german2_ci AS equal"),
    "general_ci folds accents": await row(db, "SELECT 'élan' = 'elan' COLLATE utf8mb4_general_ci AS equal"),
    "to latin1, cp1251, sjis, ucs2": await row(
      db,
      "SELECT HEX(CONVERT('Grüße' USING latin1)) AS latin1, HEX(CONVERT('Привет' USING cp1251)) AS cp1251," +
        " HEX(CONVERT('イメージ' USING sjis)) AS sjis, HEX(CONVERT('é' USING ucs2)) AS ucs2",
    ),
  };
}

async function messages(db: Connection): Promise<Facts> {
  const facts: Facts = {};
  for (const locale of ["de_DE", "fr_FR", "es_ES", "ja_JP"]) {
    facts[`set lc_messages ${locale}`] = await row(db, `SET lc_messages = '${locale}'`);
    facts[`error in ${locale}`] = await row(db, "SELECT * FROM no_such_table");
  }
  await db.query("SET lc_messages = 'en_US'");
  facts["lc_messages_dir"] = await row(db, "SELECT @@lc_messages_dir AS dir");
  return facts;
}

async function dateNames(db: Connection): Promise<Facts> {
  const facts: Facts = {};
  await db.query("SET lc_time_names = 'fr_FR'");
  facts["SET lc_time_names fr_FR"] = await row(db, "SELECT DATE_FORMAT('2026-07-01', '%W %d %M %Y') AS french");
  await db.query("SET lc_time_names = 'en_US'");
  for (const locale of ["fr_FR", "de_DE", "ja_JP", "ru_RU"]) {
    facts[locale] = await row(db, `SELECT DATE_FORMAT('2026-07-01', '%W %M', '${locale}') AS name, DAYNAME('2026-07-01') AS english`);
  }
  return facts;
}

async function plugins(db: Connection): Promise<Facts> {
  return {
    plugin_dir: await row(db, "SELECT @@plugin_dir AS dir"),
    "available libraries": await column(
      db,
      "SELECT DISTINCT PLUGIN_LIBRARY FROM information_schema.ALL_PLUGINS WHERE PLUGIN_LIBRARY IS NOT NULL ORDER BY 1",
    ),
    "install ha_archive": await row(db, "INSTALL SONAME 'ha_archive'"),
    "an ARCHIVE table": await row(db, "CREATE TABLE probe_archive (note VARCHAR(20)) ENGINE=ARCHIVE"),
    engines: await column(db, "SELECT CONCAT(ENGINE, ':', SUPPORT) FROM information_schema.ENGINES ORDER BY 1"),
    "active plugins": await column(db, "SELECT PLUGIN_NAME FROM information_schema.PLUGINS WHERE PLUGIN_STATUS = 'ACTIVE' ORDER BY 1"),
  };
}

async function functions(db: Connection): Promise<Facts> {
  return {
    json: await row(
      db,
      `SELECT JSON_EXTRACT('{"a":[1,2,{"b":"c"}]}', '$.a[2].b') AS extract, JSON_ARRAYAGG(n) AS agg,` +
        ` (SELECT GROUP_CONCAT(x) FROM JSON_TABLE('[{"x":1},{"x":2}]', '$[*]' COLUMNS (x INT PATH '$.x')) AS t) AS json_table` +
        " FROM (SELECT 1 AS n UNION SELECT 2) AS numbers",
    ),
    regexp: await row(
      db,
      "SELECT REGEXP_REPLACE('Grüße aus Köln', '[üö]', '_') AS replaced, 'Ωmega' REGEXP '^\\\\p{Greek}' AS greek," +
        " REGEXP_SUBSTR('order 12345 shipped', '[0-9]+') AS number",
    ),
    gis: await row(
      db,
      "SELECT ST_AsText(ST_GeomFromText('LINESTRING(0 0, 3 4)')) AS line, ST_Length(ST_GeomFromText('LINESTRING(0 0, 3 4)')) AS length," +
        " ST_Contains(ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), POINT(5, 5)) AS contains," +
        " ST_AsGeoJSON(POINT(1, 2)) AS geojson",
    ),
    crypto: await row(
      db,
      "SELECT SHA2('abc', 256) AS sha256, MD5('abc') AS md5, HEX(AES_ENCRYPT('secret', 'key')) AS aes," +
        " AES_DECRYPT(AES_ENCRYPT('secret', 'key'), 'key') AS aes_back, LENGTH(RANDOM_BYTES(16)) AS random," +
        " LENGTH(COMPRESS(REPEAT('a', 1000))) AS compressed, UNCOMPRESS(COMPRESS('zlib')) AS uncompressed",
    ),
    "window and recursive CTE": await row(
      db,
      "WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 5)" +
        " SELECT GROUP_CONCAT(running) AS running FROM (SELECT SUM(i) OVER (ORDER BY i) AS running FROM n) AS w",
    ),
    help: await row(db, "SELECT COUNT(*) AS topics FROM mysql.help_topic"),
  };
}

async function fullText(db: Connection): Promise<Facts> {
  await db.query("CREATE TABLE probe_articles (id INT PRIMARY KEY, body TEXT, FULLTEXT (body)) ENGINE=InnoDB");
  await db.query(
    "INSERT INTO probe_articles VALUES (1, 'Tiny images start quickly'), (2, 'Original images carry more packages')," +
      " (3, 'Databases need time zone tables'), (4, 'Packages and more packages everywhere')",
  );
  return {
    natural: await column(db, "SELECT id FROM probe_articles WHERE MATCH(body) AGAINST('images') ORDER BY id"),
    boolean: await column(db, "SELECT id FROM probe_articles WHERE MATCH(body) AGAINST('+packages -original' IN BOOLEAN MODE) ORDER BY id"),
    stopwords: await row(db, "SELECT COUNT(*) AS n FROM information_schema.INNODB_FT_DEFAULT_STOPWORD"),
  };
}

async function timeZones(db: Connection): Promise<Facts> {
  return {
    CONVERT_TZ: await row(
      db,
      "SELECT CAST(CONVERT_TZ('2026-07-01 12:00:00', 'UTC', 'Europe/Paris') AS CHAR) AS paris," +
        " CAST(CONVERT_TZ('2026-01-15 12:00:00', 'UTC', 'America/New_York') AS CHAR) AS new_york," +
        " CAST(CONVERT_TZ('2026-07-01 12:00:00', '+00:00', '+05:30') AS CHAR) AS fixed_offset",
    ),
    "zone names": await row(db, "SELECT COUNT(*) AS n FROM mysql.time_zone_name"),
    "set time_zone by name": await row(db, "SET time_zone = 'Asia/Tokyo'"),
    "FROM_UNIXTIME in it": await row(db, "SELECT CAST(FROM_UNIXTIME(1782907200) AS CHAR) AS tokyo"),
    "system time zone": await row(db, "SELECT @@system_time_zone AS zone"),
  };
}

async function server(db: Connection): Promise<Facts> {
  await db.query("SET time_zone = @@global.time_zone");
  return {
    "sys schema": await row(db, "SELECT sys_version, mysql_version FROM sys.version"),
    "sys view": await row(db, "SELECT COUNT(*) >= 0 AS answers FROM sys.schema_table_statistics"),
    variables: await row(
      db,
      "SELECT @@version AS version, @@version_comment AS comment, @@character_set_server AS charset," +
        " @@collation_server AS collation, @@default_storage_engine AS engine, @@sql_mode AS sql_mode," +
        " @@max_allowed_packet AS max_packet, @@innodb_page_size AS page, @@have_ssl AS have_ssl," +
        " @@have_openssl AS openssl, @@version_ssl_library AS ssl_library, @@lower_case_table_names AS lower_case," +
        " @@secure_file_priv AS secure_file_priv, @@tmpdir AS tmpdir, @@open_files_limit > 0 AS files_limit",
    ),
    schemas: await column(db, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1"),
  };
}

/** The probe's sections, in the order the suite lists them. */
export const sqlSections = {
  "character sets and collations": charsets,
  "error messages in other languages": messages,
  "date names in other languages": dateNames,
  "plugins and engines": plugins,
  "functions (JSON, REGEXP, GIS, crypto)": functions,
  "full-text search": fullText,
  "named time zones": timeZones,
  "server settings and the sys schema": server,
} as const;

/** Runs every section on a connection as root, in a database of its own. */
export async function sqlProbe(db: Connection): Promise<Facts> {
  await db.query("CREATE DATABASE probe");
  await db.query("USE probe");
  const answer: Facts = {};
  for (const [name, section] of Object.entries(sqlSections)) answer[name] = await section(db);
  return answer;
}
