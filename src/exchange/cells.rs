//! A record's fields picked straight into a section's columns as it serializes itself: the
//! row of a CSV or Excel export with no JSON object per record in between (building one per
//! record, keys and all, was a third of the time of a big book's CSV export). Each field's
//! value is the one `serde_json::to_value` gives, so the cells are those of `sections.rs`.

use super::sections::{cell_text, Section};
use crate::domain::record::FieldSpec;
use crate::i18n::Lang;
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::Value;

/// The cells of `record` in section `s`: the account's `code` first for every section but
/// the accounts', then each field of the section.
pub fn cells_of<T: Serialize + 'static>(
    s: &Section,
    code: &str,
    record: &T,
    lang: Lang,
) -> Vec<String> {
    // The custom values are picked as one more field when the section has their columns.
    let custom_spec = s
        .kind
        .fields()
        .iter()
        .find(|f| f.key == "custom" && !s.custom.is_empty());
    let mut fields = s.fields.clone();
    let stamps = super::sections::stamps(s.kind);
    fields.extend(stamps.iter());
    fields.extend(custom_spec);
    let mut picked = Picker {
        fields: &fields,
        values: vec![None; fields.len()],
    };
    // A record that cannot be serialized gives empty cells, as a missing row map did.
    let _ = record.serialize(&mut picked);
    let mut cells = Vec::with_capacity(s.fields.len() + 1);
    if s.kind.is_owned() {
        cells.push(code.to_string());
    }
    cells.extend(
        s.fields
            .iter()
            .zip(&picked.values)
            .map(|(f, v)| cell_text(f, v.as_ref(), lang)),
    );
    let custom = custom_spec.and_then(|_| picked.values.last().cloned().flatten());
    cells.extend(super::sections::custom_cells(&s.custom, custom.as_ref()));
    cells.extend(super::derived::cells_of(&s.rates, record));
    let at = s.fields.len();
    cells.extend(
        stamps
            .iter()
            .zip(&picked.values[at..at + stamps.len()])
            .map(|(f, v)| cell_text(f, v.as_ref(), lang)),
    );
    cells
}

struct Picker<'k> {
    fields: &'k [&'static FieldSpec],
    values: Vec<Option<Value>>,
}

#[derive(Debug)]
struct NotARecord;

impl std::fmt::Display for NotARecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a record")
    }
}

impl std::error::Error for NotARecord {}

impl ser::Error for NotARecord {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotARecord
    }
}

impl SerializeStruct for &mut Picker<'_> {
    type Ok = ();
    type Error = NotARecord;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotARecord> {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.values[i] = Some(serde_json::to_value(value).map_err(|_| NotARecord)?);
        }
        Ok(())
    }

    fn end(self) -> Result<(), NotARecord> {
        Ok(())
    }
}

/// Only a struct is a record; anything else is refused.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {$(
        fn $name(self, $(_: $arg),*) -> Result<(), NotARecord> {
            Err(NotARecord)
        }
    )*};
}

impl<'a, 'k> Serializer for &'a mut Picker<'k> {
    type Ok = ();
    type Error = NotARecord;
    type SerializeSeq = Impossible<(), NotARecord>;
    type SerializeTuple = Impossible<(), NotARecord>;
    type SerializeTupleStruct = Impossible<(), NotARecord>;
    type SerializeTupleVariant = Impossible<(), NotARecord>;
    type SerializeMap = Impossible<(), NotARecord>;
    type SerializeStruct = &'a mut Picker<'k>;
    type SerializeStructVariant = Impossible<(), NotARecord>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotARecord> {
        Ok(self)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<(), NotARecord> {
        Err(NotARecord)
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotARecord> {
        Err(NotARecord)
    }
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotARecord> {
        Err(NotARecord)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotARecord> {
        Err(NotARecord)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotARecord> {
        Err(NotARecord)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotARecord> {
        Err(NotARecord)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotARecord> {
        Err(NotARecord)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotARecord> {
        Err(NotARecord)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotARecord> {
        Err(NotARecord)
    }
}
