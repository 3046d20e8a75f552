//! The rep's profile (`domain::profile`), kept as settings of the book: one setting per field,
//! each change with its history row like any other setting.

use super::Store;
use crate::domain::parse::parse_field;
use crate::domain::profile::{Profile, PROFILE_FIELDS};
use anyhow::Result;
use serde_json::{Map, Value};

impl Store {
    /// The profile as stored; fields never set are empty.
    pub fn profile(&self) -> Result<Profile> {
        let mut map = Map::new();
        for f in PROFILE_FIELDS {
            if let Some(text) = self.setting(&Profile::setting_key(f.key))? {
                // A value this kam cannot read (written by a newer one) is left out.
                if let Ok(v) = parse_field(f, &text) {
                    map.insert(f.key.to_string(), v);
                }
            }
        }
        Ok(serde_json::from_value(Value::Object(map)).unwrap_or_default())
    }

    /// Stores the profile in one transaction; unchanged fields write nothing.
    pub fn set_profile(&mut self, profile: &Profile) -> Result<()> {
        let map = match serde_json::to_value(profile)? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let values: Vec<(String, String)> = PROFILE_FIELDS
            .iter()
            .map(|f| {
                let text = match map.get(f.key) {
                    Some(Value::String(s)) => s.trim().to_string(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                (Profile::setting_key(f.key), text)
            })
            .collect();
        let mut pairs: Vec<(&str, &str)> = vec![];
        for (k, v) in &values {
            // A field never set and left empty stays unset (no history row for nothing).
            if v.is_empty() && self.setting(k)?.is_none() {
                continue;
            }
            pairs.push((k.as_str(), v.as_str()));
        }
        self.set_settings(&pairs)
    }

    /// Who fills the records: the profile's name, else the login name.
    pub fn filler(&self) -> Result<String> {
        Ok(self
            .profile()?
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.actor().to_string()))
    }
}
