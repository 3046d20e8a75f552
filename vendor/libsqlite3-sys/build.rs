//! Compiles SQLite3 Multiple Ciphers (the amalgamation of `sqlite3mc-src`, untouched) with the
//! options libsqlite3-sys 0.38.2 gives its bundled SQLite, and SQLCipher 4 as the cipher
//! scheme by default: a book encrypted by the SQLCipher kam linked before opens unchanged,
//! and a new one stays readable by SQLCipher's own tools. Its crypto is its own (AES with
//! AES-NI when the processor has it, SHA-512, PBKDF2): no OpenSSL to build.
use std::env;
use std::path::Path;

fn main() {
    // rusqlite's features name these; this copy offers none of them (README.md).
    for feature in [
        "buildtime_bindgen",
        "bundled-sqlcipher",
        "bundled-sqlcipher-vendored-openssl",
        "bundled-windows",
        "in_gecko",
        "loadable_extension",
        "preupdate_hook",
        "session",
        "sqlcipher",
        "wasm32-wasi-vfs",
        "with-asan",
    ] {
        let var = format!("CARGO_FEATURE_{}", feature.to_uppercase().replace('-', "_"));
        assert!(
            env::var_os(var).is_none(),
            "libsqlite3-sys (kam's copy): feature {feature} is not offered, only `bundled`"
        );
    }
    let out_dir = env::var("OUT_DIR").unwrap();
    let dir = sqlite3mc_src::source_dir();
    let source = dir.join(sqlite3mc_src::SOURCE_FILE);
    let header = std::fs::read_to_string(dir.join(sqlite3mc_src::HEADER_FILE)).unwrap();

    // The bindings were made (by rusqlite, with bindgen) for SQLite 3.53; a later patch
    // release of it adds no function, so only its version constants are put right.
    let define = |name: &str| -> String {
        let line = header
            .lines()
            .find(|l| l.starts_with(&format!("#define {name} ")))
            .unwrap_or_else(|| panic!("{name} not in the sqlite3mc header"));
        line[format!("#define {name} ").len()..].trim().to_string()
    };
    let version = define("SQLITE_VERSION");
    let number = define("SQLITE_VERSION_NUMBER");
    assert!(
        version.starts_with("\"3.53."),
        "the bindings are for SQLite 3.53, the amalgamation is {version}: make them anew"
    );
    let bindings = std::fs::read_to_string("sqlite3/bindgen_bundled_version.rs")
        .unwrap()
        .replace("c\"3.53.2\"", &format!("c{version}"))
        .replace("= 3053002;", &format!("= {number};"));
    std::fs::write(Path::new(&out_dir).join("bindgen.rs"), bindings).unwrap();

    println!("cargo:rerun-if-changed=sqlite3/bindgen_bundled_version.rs");
    println!("cargo:include={}", dir.display());
    let mut cfg = cc::Build::new();
    cfg.file(&source)
        // What libsqlite3-sys 0.38.2 compiles its bundled SQLite with (Unix).
        .define("SQLITE_CORE", None)
        .define("SQLITE_DEFAULT_FOREIGN_KEYS", "1")
        .define("SQLITE_ENABLE_API_ARMOR", None)
        .define("SQLITE_ENABLE_COLUMN_METADATA", None)
        .define("SQLITE_ENABLE_DBSTAT_VTAB", None)
        .define("SQLITE_ENABLE_FTS3", None)
        .define("SQLITE_ENABLE_FTS3_PARENTHESIS", None)
        .define("SQLITE_ENABLE_FTS5", None)
        .define("SQLITE_ENABLE_JSON1", None)
        .define("SQLITE_ENABLE_LOAD_EXTENSION", "1")
        .define("SQLITE_ENABLE_MEMORY_MANAGEMENT", None)
        .define("SQLITE_ENABLE_RTREE", None)
        .define("SQLITE_ENABLE_STAT4", None)
        .define("SQLITE_SOUNDEX", None)
        .define("SQLITE_THREADSAFE", "1")
        .define("SQLITE_USE_URI", None)
        .define("HAVE_USLEEP", "1")
        .define("HAVE_ISNAN", None)
        .define("HAVE_LOCALTIME_R", None)
        // Temporary tables and indexes in memory, never in a plain file (SQLCipher's setting).
        .define("SQLITE_TEMP_STORE", "2")
        // SQLCipher 4 (legacy = 4: its page layout, PBKDF2-HMAC-SHA512 with 256,000 rounds,
        // HMAC-SHA512) unless a connection asks otherwise. The other schemes stay compiled:
        // leaving them out is a configuration upstream does not test (without ChaCha20 the
        // amalgamation 2.5.1 does not even link).
        .define("CODEC_TYPE", "CODEC_TYPE_SQLCIPHER")
        .define("SQLITE3MC_USE_SQLCIPHER_LEGACY", None)
        .define("SQLCIPHER_VERSION_DEFAULT", "SQLCIPHER_VERSION_4")
        .warnings(false);
    if env::var_os("CARGO_FEATURE_UNLOCK_NOTIFY").is_some() {
        cfg.define("SQLITE_ENABLE_UNLOCK_NOTIFY", None);
    }
    println!("cargo:rerun-if-changed={}", source.display());
    cfg.compile("sqlite3");
    println!("cargo:lib_dir={out_dir}");
}
