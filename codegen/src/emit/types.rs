//! Structures, unions and enums, with builders, JSON impls and redacting `Debug`.

use super::{docs_or, ident, json_codec, json_default_form, or_default, rust_type};
use crate::ir::{Enum, IntEnum, Member, Service, Shape, ShapeKind, Structure, Union};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Every named shape of the service, in ID order.
pub fn file(service: &Service) -> super::SourceFile<'_> {
    let mut file = super::SourceFile::new("src/types.rs").part(|| {
        quote! {
            //! The shapes of the API: structures with their builders, unions and enums.
        }
    });
    for shape in service.shapes.values() {
        file = file.part(move || match &shape.kind {
            ShapeKind::Structure(s) => structure(service, shape, s),
            ShapeKind::Union(u) => union(service, shape, u),
            ShapeKind::Enum(e) => enumeration(shape, e),
            ShapeKind::IntEnum(e) => int_enum(shape, e),
        });
    }
    file
}

fn deprecated(flag: bool) -> TokenStream {
    if flag {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// The Rust type of a structure field: `Option<T>` unless `ir` said otherwise.
pub fn field_type(service: &Service, member: &Member) -> TokenStream {
    let ty = rust_type(service, &member.ty);
    if member.optional {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

pub fn structure(service: &Service, shape: &Shape, s: &Structure) -> TokenStream {
    let name = ident(&shape.rust_name);
    let builder = format_ident!("{}Builder", shape.rust_name);
    let doc = docs_or(
        shape.docs.as_deref(),
        &format!("The `{}` structure.", shape.id.name),
    );
    let dep = deprecated(shape.deprecated);
    let redact = s.members.iter().any(|m| m.sensitive);

    let fields = s.members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let ty = field_type(service, m);
        let doc = docs_or(m.docs.as_deref(), &format!("The `{}` member.", m.name));
        let dep = deprecated(m.deprecated);
        quote!(#doc #dep pub #field: #ty,)
    });
    let derive_debug = if redact {
        quote!()
    } else {
        quote!(::std::fmt::Debug,)
    };
    let debug_impl = if redact {
        debug_struct(&shape.rust_name, &s.members)
    } else {
        quote!()
    };

    let builder_fields = s.members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let ty = rust_type(service, &m.ty);
        quote!(pub(crate) #field: ::std::option::Option<#ty>,)
    });
    let setters = s.members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let ty = rust_type(service, &m.ty);
        let doc = format!(
            " Sets [`{}::{}`].",
            shape.rust_name,
            m.rust_name.trim_start_matches("r#")
        );
        quote! {
            #[doc = #doc]
            pub fn #field(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.#field = ::std::option::Option::Some(value.into());
                self
            }
        }
    });
    let shape_name = &shape.id.name;
    let build_fields = s.members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let wire = &m.name;
        let value = if m.optional {
            quote!(self.#field)
        } else if let Some(default) = &m.default {
            let or = or_default(service, &m.ty, default);
            quote!(self.#field #or)
        } else {
            quote!(self.#field.ok_or(crate::rt::error::BuildError::missing(#wire, #shape_name))?)
        };
        quote!(#field: #value,)
    });
    let build = if s.fallible_builder {
        quote! {
            /// Builds the structure, naming the first required member that was not set.
            pub fn build(self) -> ::std::result::Result<#name, crate::rt::error::BuildError> {
                ::std::result::Result::Ok(#name { #(#build_fields)* })
            }
        }
    } else {
        quote! {
            /// Builds the structure; every member is optional or has a default.
            pub fn build(self) -> #name {
                #name { #(#build_fields)* }
            }
        }
    };
    let builder_doc = format!(" Builds a [`{}`] one member at a time.", shape.rust_name);
    let json = if s.json_impl {
        json_structure(&name, &s.members, service)
    } else {
        quote!()
    };
    let error = s
        .error
        .as_ref()
        .map(|e| error_impls(&name, &e.code, &s.members));

    quote! {
        #doc
        #dep
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                ::std::default::Default::default()
            }
        }

        #[doc = #builder_doc]
        #[derive(::std::clone::Clone, ::std::default::Default, ::std::cmp::PartialEq)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*
            #build
        }

        #debug_impl
        #json
        #error
    }
}

/// `Debug` that prints sensitive members as a fixed placeholder.
fn debug_struct(name: &str, members: &[Member]) -> TokenStream {
    let rust = ident(name);
    let fields = members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let label = m.rust_name.trim_start_matches("r#");
        if m.sensitive {
            quote!(.field(#label, &crate::rt::error::REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #rust {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

/// Writes each body member into `object`; shared with operation bodies.
pub fn encode_members<'a>(
    members: impl Iterator<Item = &'a Member>,
    source: &TokenStream,
) -> TokenStream {
    let puts = members.map(|m| {
        let field = ident(&m.rust_name);
        let key = &m.json_name;
        match (json_default_form(&m.ty), m.optional) {
            (true, true) => quote!(crate::rt::json::write_opt(&mut object, #key, &#source.#field);),
            (true, false) => quote!(crate::rt::json::write(&mut object, #key, &#source.#field);),
            (false, optional) => {
                let codec = json_codec(&m.ty);
                let put = if optional {
                    quote!(put_opt)
                } else {
                    quote!(put)
                };
                quote!(crate::rt::json::#put::<#codec, _>(&mut object, #key, &#source.#field);)
            }
        }
    });
    quote!(#(#puts)*)
}

/// A field initialiser reading one body member from `object`.
pub fn decode_member(service: &Service, m: &Member) -> TokenStream {
    let field = ident(&m.rust_name);
    let key = &m.json_name;
    let (required, optional) = if json_default_form(&m.ty) {
        (
            quote!(crate::rt::json::read),
            quote!(crate::rt::json::read_opt),
        )
    } else {
        let codec = json_codec(&m.ty);
        (
            quote!(crate::rt::json::required::<#codec, _>),
            quote!(crate::rt::json::optional::<#codec, _>),
        )
    };
    if let (true, Some(default)) = (m.optional, &m.default) {
        // An optional member with a default: the reader fills it in.
        let or = or_default(service, &m.ty, default);
        quote!(#field: ::std::option::Option::Some(#optional(object, #key)? #or),)
    } else if m.optional {
        quote!(#field: #optional(object, #key)?,)
    } else if let Some(default) = &m.default {
        let or = or_default(service, &m.ty, default);
        quote!(#field: #optional(object, #key)? #or,)
    } else {
        quote!(#field: #required(object, #key)?,)
    }
}

fn json_structure(name: &proc_macro2::Ident, members: &[Member], service: &Service) -> TokenStream {
    let source = quote!(self);
    let puts = encode_members(members.iter(), &source);
    let fields = members.iter().map(|m| decode_member(service, m));
    let (object_binding, read) = if members.is_empty() {
        (quote!(_object), quote!(crate::rt::json::object(value)?;))
    } else {
        (quote!(object), quote!(crate::rt::json::object(value)?;))
    };
    let mut_kw = if members.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    quote! {
        impl crate::rt::json::Shape for #name {
            fn to_json(&self) -> crate::rt::json::Value {
                let #mut_kw object = crate::rt::json::Object::new();
                #puts
                crate::rt::json::Value::Object(object)
            }
            fn from_json(value: &crate::rt::json::Value) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                let #object_binding = #read
                ::std::result::Result::Ok(Self { #(#fields)* })
            }
        }
    }
}

/// `Display` and `Error` for modeled errors, showing the code and message.
fn error_impls(name: &proc_macro2::Ident, code: &str, members: &[Member]) -> TokenStream {
    let message = members.iter().find(|m| {
        m.name.eq_ignore_ascii_case("message") && matches!(m.ty, crate::ir::Type::String)
    });
    let with_message = format!("{code}: {{}}");
    let body = match message {
        Some(m) if m.optional => {
            let field = ident(&m.rust_name);
            quote! {
                match &self.#field {
                    ::std::option::Option::Some(message) => ::std::write!(f, #with_message, message),
                    ::std::option::Option::None => f.write_str(#code),
                }
            }
        }
        Some(m) => {
            let field = ident(&m.rust_name);
            quote!(::std::write!(f, #with_message, self.#field))
        }
        None => quote!(f.write_str(#code)),
    };
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
        impl ::std::error::Error for #name {}
        impl crate::rt::error::ErrorShape for #name {
            fn error_code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(#code)
            }
            fn as_error(&self) -> &(dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync + 'static) {
                self
            }
        }
    }
}

pub fn union(service: &Service, shape: &Shape, u: &Union) -> TokenStream {
    let name = ident(&shape.rust_name);
    let doc = docs_or(
        shape.docs.as_deref(),
        &format!("The `{}` union.", shape.id.name),
    );
    let dep = deprecated(shape.deprecated);
    let redact = u.members.iter().any(|m| m.sensitive);
    let variants = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let doc = docs_or(m.docs.as_deref(), &format!("The `{}` variant.", m.name));
        if m.ty == crate::ir::Type::Unit {
            quote!(#doc #variant,)
        } else {
            let ty = rust_type(service, &m.ty);
            quote!(#doc #variant(#ty),)
        }
    });
    let to_json = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let key = &m.json_name;
        if m.ty == crate::ir::Type::Unit {
            quote!(Self::#variant => (#key, crate::rt::json::Value::Object(crate::rt::json::Object::new())),)
        } else {
            let codec = json_codec(&m.ty);
            quote!(Self::#variant(value) => (#key, <#codec as crate::rt::json::Codec<_>>::encode(value)),)
        }
    });
    let from_json = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let key = &m.json_name;
        if m.ty == crate::ir::Type::Unit {
            quote!(#key => Self::#variant,)
        } else {
            let codec = json_codec(&m.ty);
            quote!(#key => Self::#variant(<#codec as crate::rt::json::Codec<_>>::decode(value).map_err(|e| e.at_key(#key))?),)
        }
    });
    let debug = if redact {
        let arms = u.members.iter().map(|m| {
            let variant = ident(&m.rust_name);
            let label = &m.rust_name;
            match (m.ty == crate::ir::Type::Unit, m.sensitive) {
                (true, _) => quote!(Self::#variant => f.write_str(#label),),
                (false, true) => quote!(Self::#variant(_) => f.debug_tuple(#label).field(&crate::rt::error::REDACTED).finish(),),
                (false, false) => quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),),
            }
        });
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::Unknown(key) => f.debug_tuple("Unknown").field(key).finish(),
                    }
                }
            }
        }
    } else {
        quote!()
    };
    // A union of unit variants never reads the member's value.
    let value_binding = if u.members.iter().all(|m| m.ty == crate::ir::Type::Unit) {
        quote!(_)
    } else {
        quote!(value)
    };
    let derive_debug = if redact {
        quote!()
    } else {
        quote!(::std::fmt::Debug,)
    };
    quote! {
        #doc
        #dep
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, by its JSON key.
            /// It cannot be sent back: it serialises as an empty object.
            Unknown(crate::rt::error::UnknownVariant),
        }

        #debug

        impl crate::rt::json::Shape for #name {
            fn to_json(&self) -> crate::rt::json::Value {
                let (key, value) = match self {
                    #(#to_json)*
                    Self::Unknown(_) => return crate::rt::json::Value::Object(crate::rt::json::Object::new()),
                };
                let mut object = crate::rt::json::Object::new();
                object.insert(::std::string::String::from(key), value);
                crate::rt::json::Value::Object(object)
            }
            fn from_json(value: &crate::rt::json::Value) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                let (key, #value_binding) = crate::rt::json::union_member(value)?;
                ::std::result::Result::Ok(match key {
                    #(#from_json)*
                    other => Self::Unknown(crate::rt::error::UnknownVariant::new(other)),
                })
            }
        }
    }
}

pub fn enumeration(shape: &Shape, e: &Enum) -> TokenStream {
    let name = ident(&shape.rust_name);
    let doc = docs_or(
        shape.docs.as_deref(),
        &format!("The `{}` enum.", shape.id.name),
    );
    let dep = deprecated(shape.deprecated);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = docs_or(v.docs.as_deref(), &format!("`{}`", v.value));
        quote!(#doc #variant,)
    });
    let values = e.variants.iter().map(|v| &v.value);
    let as_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    quote! {
        #doc
        #dep
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know. It is kept as
            /// received, and it can never hold one of the known values above.
            Unknown(crate::rt::error::UnknownVariant),
        }

        impl #name {
            /// Every value this version of the crate knows, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(crate::rt::error::UnknownVariant::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl crate::rt::json::Shape for #name {
            fn to_json(&self) -> crate::rt::json::Value {
                crate::rt::json::Value::String(::std::string::String::from(self.as_str()))
            }
            fn from_json(value: &crate::rt::json::Value) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                crate::rt::json::string(value).map(Self::from)
            }
        }

        impl crate::rt::text::Text for #name {
            fn to_text(&self) -> ::std::string::String {
                ::std::string::String::from(self.as_str())
            }
            fn from_text(text: &str) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                ::std::result::Result::Ok(Self::from(text))
            }
        }
    }
}

pub fn int_enum(shape: &Shape, e: &IntEnum) -> TokenStream {
    let name = ident(&shape.rust_name);
    let doc = docs_or(
        shape.docs.as_deref(),
        &format!("The `{}` enum.", shape.id.name),
    );
    let dep = deprecated(shape.deprecated);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = docs_or(v.docs.as_deref(), &format!("`{}`", v.value));
        quote!(#doc #variant,)
    });
    let to_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(Self::#variant => #value,)
    });
    let from_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = v.value;
        quote!(#value => Self::#variant,)
    });
    quote! {
        #doc
        #dep
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(crate::rt::error::UnknownInt),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::Unknown(value) => value.value(),
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::Unknown(crate::rt::error::UnknownInt::new(other)),
                }
            }
        }

        impl crate::rt::json::Shape for #name {
            fn to_json(&self) -> crate::rt::json::Value {
                crate::rt::json::Value::from(self.value())
            }
            fn from_json(value: &crate::rt::json::Value) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                <i32 as crate::rt::json::Shape>::from_json(value).map(Self::from)
            }
        }

        impl crate::rt::text::Text for #name {
            fn to_text(&self) -> ::std::string::String {
                self.value().to_string()
            }
            fn from_text(text: &str) -> ::std::result::Result<Self, crate::rt::error::DecodeError> {
                <i32 as crate::rt::text::Text>::from_text(text).map(Self::from)
            }
        }
    }
}
