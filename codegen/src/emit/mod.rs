//! Rendering: one function per shape kind, each returning tokens. Nothing
//! here decides; every choice was made in `ir`.

pub mod client;
pub mod error;
pub mod protocol;
pub mod server;
pub mod types;

/// Renders one piece of a file. Pieces are independent, so the writer can
/// render and format them on several threads and still join them in order.
pub type Part<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// A Rust source file of the generated crate, as ordered pieces.
pub struct SourceFile<'a> {
    pub path: String,
    pub parts: Vec<Part<'a>>,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &str) -> Self {
        SourceFile {
            path: path.to_owned(),
            parts: Vec::new(),
        }
    }

    pub fn part(mut self, render: impl Fn() -> TokenStream + Send + Sync + 'a) -> Self {
        self.parts.push(Box::new(render));
        self
    }
}

/// Every Rust source file of the crate.
pub fn crate_sources(service: &Service) -> Vec<SourceFile<'_>> {
    let mut errors = SourceFile::new("src/error.rs").part(|| {
        quote! {
            //! One error enum per operation: its modeled errors, plus `Unhandled`
            //! for everything else.
        }
    });
    for op in &service.operations {
        errors = errors.part(move || error::operation_error(service, op));
    }
    let mut files = vec![
        SourceFile::new("src/lib.rs").part(|| lib(service)),
        types::file(service),
        errors,
    ];
    files.extend(protocol::files(service));
    files.push(client::file(service));
    files.push(SourceFile::new("src/server.rs").part(|| server::module(service)));
    files
}

fn lib(service: &Service) -> TokenStream {
    let title = service
        .title
        .clone()
        .unwrap_or_else(|| service.sdk_id.clone());
    let mut text = format!(
        "{title} (API version {}), generated from its Smithy model.\n",
        service.version
    );
    if let Some(docs) = &service.docs {
        text.push('\n');
        text.push_str(docs.trim());
        text.push('\n');
    }
    text.push_str(
        "\n- [`types`]: the shapes of the API.\n- [`error`]: one error enum per operation.\n- `client` (feature `client`, on by default): the restJson1 client.\n- `server` (feature `server`): the service trait and router.\n- [`rt`]: hand-written support code (date-times, JSON, HTTP).\n",
    );
    if !service.skipped.is_empty() {
        text.push_str("\nOperations left out of this crate:\n");
        for (id, why) in &service.skipped {
            text.push_str(&format!("- `{}`: {why}\n", id.name));
        }
    }
    let lines = text.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#![doc = #l])
    });
    quote! {
        #(#lines)*
        #![warn(missing_docs)]
        #![forbid(unsafe_code)]

        // The modules are formatted by the generator (prettyplease);
        // `rustfmt::skip` keeps `cargo fmt` from fighting over them.
        #[cfg(feature = "client")]
        #[rustfmt::skip]
        pub mod client;
        #[rustfmt::skip]
        pub mod error;
        #[cfg(any(feature = "client", feature = "server"))]
        #[rustfmt::skip]
        mod protocol;
        #[rustfmt::skip]
        pub mod rt;
        #[cfg(feature = "server")]
        #[rustfmt::skip]
        pub mod server;
        #[rustfmt::skip]
        pub mod types;
    }
}

use crate::ir::{Default, Service, TimestampFormat, Type};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier from a name `ir` already made valid (raw identifiers included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes, one per line so they print as `///` comments.
pub fn docs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = text.trim().lines().map(|line| {
        let line = format!(" {}", line.trim_end());
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// A doc line pointing at an item that has no documentation of its own.
pub fn docs_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text {
        Some(t) => docs(Some(t)),
        None => docs(Some(fallback)),
    }
}

/// The Rust type of a value.
pub fn rust_type(service: &Service, ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::Boolean => quote!(bool),
        Type::Byte => quote!(i8),
        Type::Short => quote!(i16),
        Type::Integer => quote!(i32),
        Type::Long | Type::BigInteger => quote!(i64),
        Type::Float => quote!(f32),
        Type::Double | Type::BigDecimal => quote!(f64),
        Type::Timestamp(_) => quote!(crate::rt::time::DateTime),
        Type::Blob => quote!(::std::vec::Vec<u8>),
        Type::Document => quote!(::serde_json::Value),
        Type::Unit => quote!(()),
        Type::Named { id, boxed } => {
            let name = named(service, id);
            if *boxed {
                quote!(::std::boxed::Box<#name>)
            } else {
                name
            }
        }
        Type::List { item, sparse } => {
            let inner = rust_type(service, &item.ty);
            if *sparse {
                quote!(::std::vec::Vec<::std::option::Option<#inner>>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        Type::Map { value, sparse, .. } => {
            let inner = rust_type(service, &value.ty);
            if *sparse {
                quote!(::std::collections::BTreeMap<::std::string::String, ::std::option::Option<#inner>>)
            } else {
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
        }
    }
}

/// `crate::types::Name` for a named shape.
pub fn named(service: &Service, id: &crate::ir::ShapeId) -> TokenStream {
    match service.shape(id) {
        Some(shape) => {
            let name = ident(&shape.rust_name);
            quote!(crate::types::#name)
        }
        // `ir` only hands out IDs of shapes it lowered; keep the output compiling regardless.
        None => quote!(::serde_json::Value),
    }
}

/// The JSON codec type for a value (`crate::rt::json::List<…>`).
pub fn json_codec(ty: &Type) -> TokenStream {
    match ty {
        Type::Timestamp(TimestampFormat::EpochSeconds) => quote!(crate::rt::json::EpochSeconds),
        Type::Timestamp(TimestampFormat::DateTime) => quote!(crate::rt::json::DateTimeFormat),
        Type::Timestamp(TimestampFormat::HttpDate) => quote!(crate::rt::json::HttpDate),
        Type::Blob => quote!(crate::rt::json::Base64),
        Type::Named { boxed: true, .. } => quote!(crate::rt::json::Boxed<crate::rt::json::Plain>),
        Type::List { item, sparse } => {
            let inner = json_codec(&item.ty);
            if *sparse {
                quote!(crate::rt::json::SparseList<#inner>)
            } else {
                quote!(crate::rt::json::List<#inner>)
            }
        }
        Type::Map { value, sparse, .. } => {
            let inner = json_codec(&value.ty);
            if *sparse {
                quote!(crate::rt::json::SparseMap<#inner>)
            } else {
                quote!(crate::rt::json::Map<#inner>)
            }
        }
        _ => quote!(crate::rt::json::Plain),
    }
}

/// Whether a value's own `Shape` impl gives its JSON form, so no codec is needed.
pub fn json_default_form(ty: &Type) -> bool {
    match ty {
        Type::Blob | Type::Timestamp(TimestampFormat::DateTime | TimestampFormat::HttpDate) => {
            false
        }
        Type::List { item, sparse } => !sparse && json_default_form(&item.ty),
        Type::Map { value, sparse, .. } => !sparse && json_default_form(&value.ty),
        _ => true,
    }
}

/// The text codec for a scalar in a label, query string or header.
pub fn text_codec(ty: &Type, media_type: bool) -> TokenStream {
    match ty {
        Type::Timestamp(TimestampFormat::EpochSeconds) => quote!(crate::rt::text::EpochSeconds),
        Type::Timestamp(TimestampFormat::DateTime) => quote!(crate::rt::text::DateTimeFormat),
        Type::Timestamp(TimestampFormat::HttpDate) => quote!(crate::rt::text::HttpDate),
        Type::Blob => quote!(crate::rt::text::Base64),
        Type::String if media_type => quote!(crate::rt::text::MediaType),
        _ => quote!(crate::rt::text::Plain),
    }
}

/// `.unwrap_or(..)` for literal defaults, `.unwrap_or_else(|| ..)` for the rest.
pub fn or_default(service: &Service, ty: &Type, default: &Default) -> TokenStream {
    let expr = default_expr(service, ty, default);
    match default {
        Default::Bool(_) | Default::Int(_) | Default::Float(_) => quote!(.unwrap_or(#expr)),
        _ => quote!(.unwrap_or_else(|| #expr)),
    }
}

/// An expression building a default value.
pub fn default_expr(service: &Service, ty: &Type, default: &Default) -> TokenStream {
    match default {
        Default::Bool(b) => quote!(#b),
        Default::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        Default::Float(f) => {
            let lit = Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        Default::String(s) => quote!(::std::string::String::from(#s)),
        Default::EnumVariant(v) | Default::IntEnumVariant(v) => {
            let Type::Named { id, .. } = ty else {
                return quote!(::std::default::Default::default());
            };
            let name = named(service, id);
            let variant = ident(v);
            quote!(#name::#variant)
        }
        Default::Timestamp(secs) => {
            let lit = Literal::f64_unsuffixed(*secs);
            quote!(crate::rt::time::DateTime::from_fractional_secs(#lit).unwrap_or_default())
        }
        Default::Blob(bytes) => {
            let bytes = bytes.iter();
            quote!(::std::vec![#(#bytes),*])
        }
        Default::EmptyList => quote!(::std::vec::Vec::new()),
        Default::EmptyMap => quote!(::std::collections::BTreeMap::new()),
        Default::Document(value) => {
            let text = value.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).unwrap_or(::serde_json::Value::Null))
        }
    }
}
