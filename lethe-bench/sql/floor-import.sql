-- Peer (c), the write floor: the raw lines into a one-column table, no JSON, no index, one transaction.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE raw (line TEXT);
BEGIN IMMEDIATE;
.mode ascii
.separator "\037" "\n"
.import CORPUS raw
COMMIT;
