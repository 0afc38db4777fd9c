package lethe.bench.corpus;

/** The raw material of generated text: words, identifiers, code shapes and non-Latin phrases. */
final class Phrases {

    private Phrases() {
    }

    static final String[] WORDS = (
            "the a an this that it we you should could would will must can may now then when if because so "
            + "function method class module package test tests build error errors warning failing passes flaky "
            + "database schema migration index query transaction lock writer reader connection pool timeout "
            + "request response header body stream buffer line lines parser token field value null empty "
            + "config setting option default environment variable path file directory folder repository branch "
            + "commit merge rebase diff patch change changes refactor rename extract inline move delete add "
            + "update fix bug issue regression crash leak memory heap thread async await promise future "
            + "callback handler listener event queue worker job task retry backoff limit rate cache hit miss "
            + "latency throughput benchmark profile hot path allocation copy sort filter map reduce group "
            + "user owner session turn transcript collector ingest export import search result page offset "
            + "server client proxy header auth token key secret role admin permission allowed denied "
            + "look check run try see read write open close start stop restart deploy release version "
            + "first second next last previous every each some all none most few many more less "
            + "quickly carefully probably actually simply already still again also only just maybe "
            + "works broken missing unused duplicated slow fast safe unsafe correct wrong clean messy").split(" ");

    static final String[] IDENTIFIERS = {
        "session", "turn", "owner", "count", "index", "buffer", "reader", "writer", "result", "value",
        "config", "request", "response", "handler", "parser", "cursor", "offset", "limit", "batch", "row",
        "token", "client", "server", "store", "cache", "queue", "worker", "entry", "payload", "line"
    };

    static final String[] TYPES = {
        "Session", "Turn", "Owner", "Store", "Reader", "Writer", "Parser", "Config", "Request", "Response",
        "Handler", "Cursor", "Batch", "Client", "Server", "Cache", "Queue", "Worker", "Entry", "Payload"
    };

    /** Emoji (outside the BMP, so surrogate pairs in UTF-16), CJK, right-to-left scripts and combining marks. */
    static final String[] UNICODE = {
        "🚀 shipped", "✅ all green", "🔥🔥", "👍", "😅 oops", "🎉", "⚠️ careful", "🐛 found it", "🧪 tests",
        "数据库迁移失败了", "请帮我重构这个函数", "テストを実行してください", "バグを修正しました", "서버가 응답하지 않습니다",
        "مرحبا بالعالم", "هذا الاختبار يفشل", "שלום עולם", "הבדיקה נכשלה",
        "naïve café résumé", "Ｆｕｌｌｗｉｄｔｈ", "e\u0301 a\u0308 o\u0303", "∀x ∈ ℝ: x² ≥ 0", "→ ⇒ ↦",
        "Привет, мир", "Γειά σου κόσμε", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👩‍💻 pair programming", "🇩🇪🇯🇵"
    };

    static final String[] PROJECTS = {
        "lethe", "billing-api", "infra", "dotfiles", "website", "ml-pipeline", "mobile-app", "cli-tools",
        "data-warehouse", "auth-service", "docs", "game-engine"
    };

    static final String[] BRANCHES = {"main", "develop", "feature/search", "fix/lock-timeout", "chore/deps", "spike"};

    static final String[] JAVA = {
        "public final class {T}{T2} {",
        "    private final {T} {id};",
        "    public {T} {id}({T2} {id2}) {",
        "        if ({id} == null) {",
        "            throw new IllegalArgumentException(\"{id} must not be null: \" + {id2});",
        "        }",
        "        return {id2}.stream().filter(x -> x.{id}() > {n}).map({T}::from).toList();",
        "        try (var {id} = open(\"{path}\")) {",
        "        } catch (IOException e) {",
        "            LOG.warn(\"could not read {path}: {}\", e.getMessage());",
        "        for (int i = 0; i < {id}.size(); i++) {",
        "    @Override",
        "    }",
        "}",
        "        String sql = \"SELECT {id}, {id2} FROM {id}s WHERE owner = ? LIMIT {n}\";",
        "        var json = \"{\\\"{id}\\\": {n}, \\\"{id2}\\\": \\\"x\\\\ty\\\"}\";",
    };

    static final String[] PYTHON = {
        "def {id}_{id2}({id}, {id2}={n}):",
        "    \"\"\"Return the {id} for {id2}.\"\"\"",
        "    if not {id}:",
        "        raise ValueError(f\"{id} is empty: {{{id2}!r}}\")",
        "    with open(\"{path}\", encoding=\"utf-8\") as fh:",
        "        for line in fh:",
        "            yield json.loads(line)[\"{id}\"]",
        "    return [{id2} for {id2} in {id} if {id2}.{id} > {n}]",
        "class {T}{T2}:",
        "    def __init__(self, {id}):",
        "        self.{id} = {id}",
        "import json, re, sys",
        "PATTERN = re.compile(r\"^(\\w+)\\s*=\\s*'([^']*)'$\")",
    };

    static final String[] TYPESCRIPT = {
        "export async function {id}{T}({id2}: {T2}): Promise<{T}[]> {",
        "  const {id} = await fetch(`/api/v1/{id}s?limit=${{id2}.limit}`);",
        "  if (!{id}.ok) throw new Error(`{id} failed: ${{id}.status}`);",
        "  return ({id2} as {T2}[]).filter((x) => x.{id} !== undefined);",
        "}",
        "interface {T}{T2} { {id}: string; {id2}?: number }",
        "const {id}Map = new Map<string, {T}>();",
        "// TODO: handle the {id} case when {id2} is empty",
    };

    static final String[] SHELL = {
        "set -euo pipefail",
        "for f in src/**/*.{id}; do grep -n \"{id2}\" \"$f\" || true; done",
        "curl -sS -H 'Content-Type: application/x-ndjson' --data-binary @{id}.ndjson http://127.0.0.1:8080/api/v1/ingest",
        "export {ID}_HOME=\"$HOME/.{id}\"",
        "find . -name '*.{id}' -mtime -{n} -print0 | xargs -0 wc -l",
        "sqlite3 data/lethe.db 'PRAGMA integrity_check'",
    };

    static final String[] LOG = {
        "[INFO] Building {id}-{id2} 0.{n}.0",
        "[INFO] Tests run: {n}, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: {n}.{n} s",
        "[ERROR] {T}Test.{id}{T2}:{n} expected: <{n}> but was: <{n2}>",
        "PASS  src/{id}/{id2}.test.ts ({n} ms)",
        "FAIL  src/{id}/{id2}.test.ts",
        "    at {T}.{id}({T}.java:{n})",
        "    at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
        "Caused by: java.sql.SQLException: [SQLITE_BUSY] The database file is locked (database is locked)",
        "warning: unused variable `{id}` --> src/{id2}.rs:{n}:{n2}",
        "npm WARN deprecated {id}@{n}.{n2}.0: use {id2} instead",
        "{n} passed, {n2} failed, 0 skipped in {n}.{n2}s",
        "\u001b[32m✓\u001b[0m {id} {id2} ({n}ms)",
        "Traceback (most recent call last):",
        "  File \"{path}\", line {n}, in {id}",
        "KeyError: '{id2}'",
    };

    static final String[][] LANGUAGES = {JAVA, PYTHON, TYPESCRIPT, SHELL};
    static final String[] FENCES = {"java", "python", "ts", "bash"};

    static final String[] TOOLS = {"Bash", "Read", "Edit", "Grep", "Glob", "Write", "WebFetch", "TodoWrite"};

    static final String[] SYSTEM = {
        "Conversation compacted: earlier turns were summarised to save context.",
        "The user interrupted the previous tool call.",
        "Session resumed from a previous conversation.",
        "Context window 80% full.",
    };
}
