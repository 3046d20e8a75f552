//! A record straight to its columns' values, for bulk loads: serde walks the record's fields
//! and each value becomes what its column holds (as `rows::to_sql` makes it from the JSON
//! value), without a JSON map in between. A load of a million records built, searched and
//! dropped a map of some thirty entries for each, twice (validation, then the row): a fifth
//! of the demo's time.

use super::rows::to_sql;
use crate::domain::record::{FieldKind, FieldSpec, Record};
use crate::domain::{Invalid, Money};
use rusqlite::types::Value as Sql;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// The values of a record's fields, in the order of `R::fields()`.
pub(crate) fn field_values<R: Record>(rec: &R) -> anyhow::Result<Vec<Sql>> {
    let fields = R::fields();
    let mut out = Fields {
        fields,
        values: vec![Sql::Null; fields.len()],
        next: 0,
    };
    rec.serialize(&mut out)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(out.values)
}

/// `Record::validate` over the values already made: a required field is missing when its
/// value is NULL or blank text (no required field is a nested document), then the record's
/// own rules.
pub(crate) fn validate<R: Record>(rec: &R, values: &[Sql]) -> Result<(), Invalid> {
    let mut invalid = Invalid::default();
    for (spec, v) in R::fields().iter().zip(values) {
        let empty = match v {
            Sql::Null => true,
            Sql::Text(s) => s.trim().is_empty(),
            _ => false,
        };
        if spec.required && empty {
            invalid.check(spec.key, crate::domain::validate::required(""));
        }
    }
    rec.check(&mut invalid);
    invalid.into_result()
}

#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Not a plain value: the field is made through a JSON value instead.
const NOT_PLAIN: &str = "not a plain value";

struct Fields {
    fields: &'static [FieldSpec],
    values: Vec<Sql>,
    /// Where the next field is expected: fields serialize in the order they are listed.
    next: usize,
}

impl Fields {
    fn position(&mut self, key: &str) -> Option<usize> {
        let at = match self.fields.get(self.next) {
            Some(f) if f.key == key => self.next,
            _ => self.fields.iter().position(|f| f.key == key)?,
        };
        self.next = at + 1;
        Some(at)
    }
}

impl ser::SerializeStruct for &mut Fields {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let Some(i) = self.position(key) else {
            return Ok(()); // id, account_id and the audit columns are the store's
        };
        let spec = &self.fields[i];
        let plain = match spec.kind {
            FieldKind::Json => Err(Error(NOT_PLAIN.into())),
            _ => value.serialize(Value(spec)),
        };
        self.values[i] = match plain {
            Ok(v) => v,
            Err(e) if e.0 == NOT_PLAIN => {
                let json = serde_json::to_value(value).map_err(|e| Error(e.to_string()))?;
                to_sql(spec, &json).map_err(|e| Error(e.to_string()))?
            }
            Err(e) => return Err(e),
        };
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One field's value, as `to_sql` makes it from the JSON serde_json would make.
struct Value<'a>(&'a FieldSpec);

impl Value<'_> {
    fn text(&self, s: &str) -> Result<Sql, Error> {
        Ok(match self.0.kind {
            FieldKind::Money => Sql::Integer(
                Money::parse(s)
                    .map_err(|p| Error(format!("{} {p}", self.0.key)))?
                    .cents(),
            ),
            _ if s.is_empty() => Sql::Null,
            _ => Sql::Text(s.to_string()),
        })
    }
}

macro_rules! integer {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<Sql, Error> {
            Ok(match i64::try_from(v) {
                Ok(i) => Sql::Integer(i),
                Err(_) => Sql::Real(v as f64),
            })
        }
    )*};
}

impl ser::Serializer for Value<'_> {
    type Ok = Sql;
    type Error = Error;
    type SerializeSeq = Impossible<Sql, Error>;
    type SerializeTuple = Impossible<Sql, Error>;
    type SerializeTupleStruct = Impossible<Sql, Error>;
    type SerializeTupleVariant = Impossible<Sql, Error>;
    type SerializeMap = Impossible<Sql, Error>;
    type SerializeStruct = Impossible<Sql, Error>;
    type SerializeStructVariant = Impossible<Sql, Error>;

    fn serialize_bool(self, v: bool) -> Result<Sql, Error> {
        Ok(Sql::Integer(v as i64))
    }
    integer!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
             serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> Result<Sql, Error> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f64(self, v: f64) -> Result<Sql, Error> {
        // serde_json writes a non-finite number as null.
        Ok(if v.is_finite() {
            Sql::Real(v)
        } else {
            Sql::Null
        })
    }
    fn serialize_char(self, v: char) -> Result<Sql, Error> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Sql, Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Sql, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_none(self) -> Result<Sql, Error> {
        Ok(Sql::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Sql, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Sql, Error> {
        Ok(Sql::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Sql, Error> {
        Ok(Sql::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Sql, Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Sql, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Sql, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error(NOT_PLAIN.into()))
    }
    fn collect_str<T: ?Sized + fmt::Display>(self, v: &T) -> Result<Sql, Error> {
        self.text(&v.to_string())
    }
}

/// A record is a struct; anything else is not a record.
macro_rules! not_a_record {
    ($($name:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $name(self, $(_: $arg),*) -> Result<$ret, Error> {
            Err(Error("a record must serialize as a struct".into()))
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Fields {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = &'a mut Fields;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    not_a_record! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Error> {
        Err(Error("a record must serialize as a struct".into()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error("a record must serialize as a struct".into()))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error("a record must serialize as a struct".into()))
    }
}

/// For the tests: how the values made here differ from those of the record's JSON map (each
/// field through `rows::to_sql`), or the validation's verdict from `Record::validate`;
/// `None` when they agree.
#[cfg(feature = "test-hooks")]
pub fn differs_from_json_map<R: Record>(rec: &R) -> Option<String> {
    let map = super::rows::to_map(rec).ok()?;
    let through_map: Vec<Sql> = R::fields()
        .iter()
        .map(|f| to_sql(f, map.get(f.key).unwrap_or(&serde_json::Value::Null)).ok())
        .collect::<Option<_>>()?;
    let values = match field_values(rec) {
        Ok(v) => v,
        Err(e) => return Some(format!("{e}")),
    };
    if values != through_map {
        return Some(format!("{values:?}\n!=\n{through_map:?}"));
    }
    let (fast, slow) = (validate(rec, &values), rec.validate());
    (fast != slow).then(|| format!("validation {fast:?} != {slow:?}"))
}
