//! The message files stay in step: every message exists in every language, and every
//! enumeration code and field has a label.

use kam::domain::contact::DOSSIER_FIELDS;
use kam::domain::{FieldKind, RecordKind};
use kam::i18n::{field_label, has, ids, Lang};

#[test]
fn both_languages_have_the_same_messages() {
    let en = ids(Lang::En);
    let zh = ids(Lang::Zh);
    assert!(en.len() > 300, "the English file parses ({} ids)", en.len());
    let missing_zh: Vec<_> = en.iter().filter(|id| !has(Lang::Zh, id)).collect();
    let missing_en: Vec<_> = zh.iter().filter(|id| !has(Lang::En, id)).collect();
    assert!(missing_zh.is_empty(), "missing in zh.ftl: {missing_zh:?}");
    assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
}

#[test]
fn every_code_and_field_has_a_label_in_both_languages() {
    for kind in RecordKind::ALL {
        for spec in kind.fields().iter().chain(DOSSIER_FIELDS) {
            for lang in Lang::ALL {
                let label = field_label(lang, kind.table(), spec.key);
                assert!(
                    !label.starts_with("field-"),
                    "{lang:?} has no label for {}",
                    spec.key
                );
                if let FieldKind::Choice(set) = spec.kind {
                    for code in set.codes {
                        let l = set.label(lang, code);
                        assert!(
                            !l.contains(set.prefix),
                            "{lang:?} has no label for {}-{code}",
                            set.prefix
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn labels_resolve_back_to_codes_in_either_language() {
    let set = kam::domain::Category::CHOICES;
    assert_eq!(set.resolve("重要客户"), Some("key"));
    assert_eq!(set.resolve("Key"), Some("key"));
    assert_eq!(set.resolve("potential"), Some("potential"));
    assert_eq!(set.resolve("nonsense"), None);
}

/// Every message an error below the interface names (`Said::new("…")`, `Arg::Msg("…")`, the
/// ids a database or file error is described by) is in both files: a missing one would show
/// its id to the reader instead of a sentence.
#[test]
fn every_error_message_named_in_the_code_exists_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut named = std::collections::BTreeSet::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for opener in ["Said::new(\"", "Arg::Msg(\"", "=> \"db-", "\"store-"] {
                for (at, _) in text.match_indices(opener) {
                    let rest = &text[at + opener.len()..];
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                        .collect();
                    let id = match opener {
                        "=> \"db-" => format!("db-{id}"),
                        "\"store-" => format!("store-{id}"),
                        _ => id,
                    };
                    named.insert(id);
                }
            }
        }
    }
    assert!(named.len() > 40, "the scan finds the ids ({named:?})");
    for id in &named {
        for lang in Lang::ALL {
            assert!(has(lang, id), "{lang:?} has no message {id}");
        }
    }
}
