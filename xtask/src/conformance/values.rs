//! Test `params` (Smithy node values) to Rust expressions of the generated types.
//!
//! The rules are the compliance-test ones: timestamps are epoch seconds,
//! blobs are the raw bytes of a UTF-8 string, documents are JSON, enums are
//! their values, unions are single-key objects, and `NaN`, `Infinity` and
//! `-Infinity` are strings for floats.

use codegen::emit::{default_expr, ident, named};
use codegen::ir::{Member, Service, ShapeId, ShapeKind, Type};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

/// Constant idempotency token of the compliance tests, for members the client fills in.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// How a structure is being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The client serialises it: absent idempotency tokens are filled in.
    Client,
    /// Anything else: absent members are `None` or their default.
    Plain,
}

pub struct Builder<'a> {
    pub service: &'a Service,
    /// Whether a float `NaN` appeared: equality must then compare `Debug` output.
    pub saw_nan: bool,
}

impl<'a> Builder<'a> {
    pub fn new(service: &'a Service) -> Self {
        Builder {
            service,
            saw_nan: false,
        }
    }

    /// A structure from a `params` object (absent params are an empty object).
    pub fn structure(
        &mut self,
        id: &ShapeId,
        params: Option<&Value>,
        side: Side,
    ) -> Result<TokenStream, String> {
        let empty = Map::new();
        let object = match params {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(format!(
                    "params of `{}` are not an object: {other}",
                    id.name
                ))
            }
        };
        let service = self.service;
        let Some(shape) = service.shape(id) else {
            return Err(format!("shape `{id}` is not generated"));
        };
        let ShapeKind::Structure(s) = &shape.kind else {
            return Err(format!("`{id}` is not a structure"));
        };
        for key in object.keys() {
            if !s.members.iter().any(|m| &m.name == key) {
                return Err(format!("`{}` has no member `{key}`", id.name));
            }
        }
        let ty = named(service, id);
        let mut fields = Vec::new();
        for m in &s.members {
            let field = ident(&m.rust_name);
            let value = self
                .member(m, object.get(&m.name), side)
                .map_err(|e| format!("{}.{}: {e}", id.name, m.name))?;
            fields.push(quote!(#field: #value));
        }
        Ok(quote!(#ty { #(#fields),* }))
    }

    fn member(
        &mut self,
        m: &Member,
        value: Option<&Value>,
        side: Side,
    ) -> Result<TokenStream, String> {
        match value {
            None | Some(Value::Null) => {
                if m.idempotency_token && side == Side::Client && m.optional {
                    return Ok(
                        quote!(::std::option::Option::Some(::std::string::String::from(#IDEMPOTENCY_TOKEN))),
                    );
                }
                if m.optional {
                    Ok(quote!(::std::option::Option::None))
                } else if let Some(default) = &m.default {
                    Ok(default_expr(self.service, &m.ty, default))
                } else {
                    Ok(self.zero(&m.ty, 0))
                }
            }
            Some(value) => {
                let expr = self.value(&m.ty, value)?;
                Ok(if m.optional {
                    quote!(::std::option::Option::Some(#expr))
                } else {
                    expr
                })
            }
        }
    }

    /// A value of a type.
    pub fn value(&mut self, ty: &Type, value: &Value) -> Result<TokenStream, String> {
        Ok(match ty {
            Type::String => {
                let s = value
                    .as_str()
                    .ok_or_else(|| format!("expected a string, got {value}"))?;
                quote!(::std::string::String::from(#s))
            }
            Type::Boolean => {
                let b = value
                    .as_bool()
                    .ok_or_else(|| format!("expected a boolean, got {value}"))?;
                quote!(#b)
            }
            Type::Byte => int(
                value,
                |n| Literal::i8_suffixed(n as i8),
                i8::MIN as i64,
                i8::MAX as i64,
            )?,
            Type::Short => int(
                value,
                |n| Literal::i16_suffixed(n as i16),
                i16::MIN as i64,
                i16::MAX as i64,
            )?,
            Type::Integer => int(
                value,
                |n| Literal::i32_suffixed(n as i32),
                i32::MIN as i64,
                i32::MAX as i64,
            )?,
            Type::Long | Type::BigInteger => int(value, Literal::i64_suffixed, i64::MIN, i64::MAX)?,
            Type::Float => self.float(value, true)?,
            Type::Double | Type::BigDecimal => self.float(value, false)?,
            Type::Timestamp(_) => {
                let secs = value
                    .as_f64()
                    .ok_or_else(|| format!("expected epoch seconds, got {value}"))?;
                if let Some(whole) = value.as_i64() {
                    let lit = Literal::i64_suffixed(whole);
                    quote!(crate::rt::time::DateTime::from_secs(#lit))
                } else {
                    let lit = Literal::f64_suffixed(secs);
                    quote!(crate::rt::time::DateTime::from_fractional_secs(#lit).expect("a representable timestamp"))
                }
            }
            Type::Blob => {
                let s = value
                    .as_str()
                    .ok_or_else(|| format!("expected a string for a blob, got {value}"))?;
                let lit = Literal::byte_string(s.as_bytes());
                quote!(::std::vec::Vec::<u8>::from(&#lit[..]))
            }
            Type::Document => {
                let text = value.to_string();
                quote!(::serde_json::from_str::<::serde_json::Value>(#text).expect("a JSON document"))
            }
            Type::Unit => quote!(()),
            Type::Named { id, boxed } => {
                let inner = self.named(id, value)?;
                if *boxed {
                    quote!(::std::boxed::Box::new(#inner))
                } else {
                    inner
                }
            }
            Type::List { item, sparse } => {
                let items = value
                    .as_array()
                    .ok_or_else(|| format!("expected a list, got {value}"))?;
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    let expr = match (v, sparse) {
                        (Value::Null, true) => quote!(::std::option::Option::None),
                        (v, true) => {
                            let e = self.value(&item.ty, v).map_err(|e| format!("[{i}]: {e}"))?;
                            quote!(::std::option::Option::Some(#e))
                        }
                        (v, false) => self.value(&item.ty, v).map_err(|e| format!("[{i}]: {e}"))?,
                    };
                    out.push(expr);
                }
                quote!(::std::vec![#(#out),*])
            }
            Type::Map {
                value: item,
                sparse,
                ..
            } => {
                let entries = value
                    .as_object()
                    .ok_or_else(|| format!("expected a map, got {value}"))?;
                let mut out = Vec::new();
                for (k, v) in entries {
                    let expr = match (v, sparse) {
                        (Value::Null, true) => quote!(::std::option::Option::None),
                        (v, true) => {
                            let e = self.value(&item.ty, v).map_err(|e| format!("[{k}]: {e}"))?;
                            quote!(::std::option::Option::Some(#e))
                        }
                        (v, false) => self.value(&item.ty, v).map_err(|e| format!("[{k}]: {e}"))?,
                    };
                    out.push(quote!((::std::string::String::from(#k), #expr)));
                }
                quote!(::std::collections::BTreeMap::from([#(#out),*]))
            }
        })
    }

    fn float(&mut self, value: &Value, single: bool) -> Result<TokenStream, String> {
        let ty = if single { quote!(f32) } else { quote!(f64) };
        if let Some(s) = value.as_str() {
            return match s {
                "NaN" => {
                    self.saw_nan = true;
                    Ok(quote!(#ty::NAN))
                }
                "Infinity" => Ok(quote!(#ty::INFINITY)),
                "-Infinity" => Ok(quote!(#ty::NEG_INFINITY)),
                other => Err(format!("expected a number, got \"{other}\"")),
            };
        }
        let n = value
            .as_f64()
            .ok_or_else(|| format!("expected a number, got {value}"))?;
        Ok(if single {
            let lit = Literal::f32_suffixed(n as f32);
            quote!(#lit)
        } else {
            let lit = Literal::f64_suffixed(n);
            quote!(#lit)
        })
    }

    fn named(&mut self, id: &ShapeId, value: &Value) -> Result<TokenStream, String> {
        let service = self.service;
        let shape = service
            .shape(id)
            .ok_or_else(|| format!("shape `{id}` is not generated"))?;
        let ty = named(service, id);
        match &shape.kind {
            ShapeKind::Structure(_) => self.structure(id, Some(value), Side::Plain),
            ShapeKind::Enum(_) => {
                let s = value
                    .as_str()
                    .ok_or_else(|| format!("expected an enum value, got {value}"))?;
                Ok(quote!(#ty::from(#s)))
            }
            ShapeKind::IntEnum(_) => {
                let n = value
                    .as_i64()
                    .ok_or_else(|| format!("expected an intEnum value, got {value}"))?;
                let lit = Literal::i32_suffixed(n as i32);
                Ok(quote!(#ty::from(#lit)))
            }
            ShapeKind::Union(u) => {
                let object = value
                    .as_object()
                    .ok_or_else(|| format!("expected a union object, got {value}"))?;
                let mut entries = object.iter();
                let (Some((key, v)), None) = (entries.next(), entries.next()) else {
                    return Err(format!(
                        "a union value needs exactly one member, got {value}"
                    ));
                };
                let m = u
                    .members
                    .iter()
                    .find(|m| &m.name == key)
                    .ok_or_else(|| format!("`{}` has no member `{key}`", id.name))?;
                let variant = ident(&m.rust_name);
                if m.ty == Type::Unit {
                    return Ok(quote!(#ty::#variant));
                }
                let inner = self
                    .value(&m.ty, v)
                    .map_err(|e| format!("{}.{key}: {e}", id.name))?;
                Ok(quote!(#ty::#variant(#inner)))
            }
        }
    }

    /// Smithy's zero value of a type, for required members the params leave out.
    pub fn zero(&self, ty: &Type, depth: usize) -> TokenStream {
        match ty {
            Type::String => quote!(::std::string::String::new()),
            Type::Boolean => quote!(false),
            Type::Byte | Type::Short | Type::Integer | Type::Long | Type::BigInteger => quote!(0),
            Type::Float | Type::Double | Type::BigDecimal => quote!(0.0),
            Type::Timestamp(_) => quote!(crate::rt::time::DateTime::UNIX_EPOCH),
            Type::Blob => quote!(::std::vec::Vec::new()),
            Type::Document => quote!(::serde_json::Value::Null),
            Type::Unit => quote!(()),
            Type::List { .. } => quote!(::std::vec::Vec::new()),
            Type::Map { .. } => quote!(::std::collections::BTreeMap::new()),
            Type::Named { id, boxed } => {
                let inner = self.zero_named(id, depth);
                if *boxed {
                    quote!(::std::boxed::Box::new(#inner))
                } else {
                    inner
                }
            }
        }
    }

    fn zero_named(&self, id: &ShapeId, depth: usize) -> TokenStream {
        let service = self.service;
        let ty = named(service, id);
        let Some(shape) = service.shape(id) else {
            return quote!(::std::default::Default::default());
        };
        match &shape.kind {
            ShapeKind::Structure(s) => {
                let fields = s.members.iter().map(|m| {
                    let field = ident(&m.rust_name);
                    let value = if m.optional {
                        quote!(::std::option::Option::None)
                    } else if let Some(default) = &m.default {
                        default_expr(service, &m.ty, default)
                    } else if depth < 8 {
                        self.zero(&m.ty, depth + 1)
                    } else {
                        quote!(::std::unreachable!())
                    };
                    quote!(#field: #value)
                });
                quote!(#ty { #(#fields),* })
            }
            ShapeKind::Enum(e) => {
                let value = e
                    .variants
                    .first()
                    .map(|v| v.value.clone())
                    .unwrap_or_default();
                quote!(#ty::from(#value))
            }
            ShapeKind::IntEnum(e) => {
                let lit = Literal::i32_suffixed(e.variants.first().map_or(0, |v| v.value));
                quote!(#ty::from(#lit))
            }
            ShapeKind::Union(u) => match u.members.first() {
                Some(m) => {
                    let variant = ident(&m.rust_name);
                    if m.ty == Type::Unit {
                        quote!(#ty::#variant)
                    } else {
                        let inner = self.zero(&m.ty, depth + 1);
                        quote!(#ty::#variant(#inner))
                    }
                }
                None => quote!(::std::unreachable!()),
            },
        }
    }
}

fn int(
    value: &Value,
    lit: impl Fn(i64) -> Literal,
    min: i64,
    max: i64,
) -> Result<TokenStream, String> {
    let n = value
        .as_i64()
        .ok_or_else(|| format!("expected an integer, got {value}"))?;
    if n < min || n > max {
        return Err(format!("{n} is out of range"));
    }
    let lit = lit(n);
    Ok(quote!(#lit))
}
