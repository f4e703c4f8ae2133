-- Schema 2: the national Digital Maturity Assessment (DMA) benchmark.
--
-- Imported from NHS England's published results workbook with
-- 'wgll benchmark import'. Scores are on the DMA's own 1 to 5 scale.
-- Importing a year again replaces that year's rows.

CREATE TABLE benchmark_imports (
    year        INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,
    imported_by TEXT    NOT NULL,
    imported_at TEXT    NOT NULL
);

-- Mean per measure of a group: a care setting nationally ("acute", ...,
-- "icb", or "secondary" for all secondary care), or one ICS.
CREATE TABLE benchmark_means (
    year        INTEGER NOT NULL REFERENCES benchmark_imports (year) ON DELETE CASCADE,
    group_kind  TEXT    NOT NULL, -- 'setting' or 'ics'
    group_name  TEXT    NOT NULL,
    entries     INTEGER NOT NULL,
    measure_key TEXT    NOT NULL,
    mean        REAL    NOT NULL,
    PRIMARY KEY (year, group_kind, group_name, measure_key)
);

-- A provider's published pillar score for one care setting.
CREATE TABLE benchmark_provider_scores (
    year         INTEGER NOT NULL REFERENCES benchmark_imports (year) ON DELETE CASCADE,
    region       TEXT    NOT NULL,
    ics          TEXT    NOT NULL,
    provider     TEXT    NOT NULL,
    care_setting TEXT    NOT NULL,
    measure_key  TEXT    NOT NULL,
    score        REAL    NOT NULL,
    PRIMARY KEY (year, provider, care_setting, measure_key)
);

-- A provider's published overall score over comparable domains, by DMA year.
CREATE TABLE benchmark_provider_overall (
    year         INTEGER NOT NULL REFERENCES benchmark_imports (year) ON DELETE CASCADE,
    provider     TEXT    NOT NULL,
    care_setting TEXT    NOT NULL,
    dma_year     INTEGER NOT NULL,
    score        REAL    NOT NULL,
    PRIMARY KEY (year, provider, care_setting, dma_year)
);
