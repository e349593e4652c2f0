//! The server module of a generated crate: the service trait, the route
//! table, the dispatcher that ties `protocol::server` to the trait, and the
//! input validators. The protocol-generic router lives in the runtime
//! (`rt::server`).

use super::{docs, ident, json_codec, named};
use crate::ir::{
    Binding, Constraints, Member, Operation, PathSegment, PayloadKind, Service, ShapeId, ShapeKind,
    Type,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// The whole `server` module.
pub fn module(service: &Service) -> TokenStream {
    let mut v = Validators::new(service);
    let trait_item = server_trait(service);
    let routes = route_table(service);
    let dispatch = dispatcher(service, &mut v);
    let validators = v.functions();
    let rules = v.rule_statics();
    let errors = v.validation_errors();
    let trait_name = ident(&service.rust_name);
    let serve_doc = format!(
        " Serves `implementation` over HTTP/1.1 on `addr` (see [`{}`]).",
        service.rust_name
    );
    let krate = service.crate_name.replace('-', "_");
    let module_doc = format!(
        " The server side: implement [`{trait_name}`], then call [`serve`], or mount\n \
         [`router`] (a `tower::Service`) in hyper or axum.\n\n \
         ```no_run\n \
         # async fn run(implementation: impl {krate}::server::{trait_name}) -> std::io::Result<()> {{\n \
         let addr: std::net::SocketAddr = ([127, 0, 0, 1], 8080).into();\n \
         {krate}::server::serve(addr, implementation).await\n \
         # }}\n \
         ```"
    );
    let module_doc = module_doc.lines().map(|l| quote!(#![doc = #l]));
    quote! {
        #(#module_doc)*

        #trait_item

        #[doc = #serve_doc]
        pub async fn serve<S: #trait_name>(addr: ::std::net::SocketAddr, implementation: S) -> ::std::io::Result<()> {
            router(implementation).serve(addr).await
        }

        /// Serves `implementation` on a listener that is already bound (bind
        /// port 0 to let the system pick a free port).
        pub async fn serve_listener<S: #trait_name>(listener: ::tokio::net::TcpListener, implementation: S) -> ::std::io::Result<()> {
            router(implementation).serve_listener(listener).await
        }

        /// A router for `implementation`: a `tower::Service` over
        /// `http::Request`, with options for the body limit and SigV4 checks.
        pub fn router<S: #trait_name>(implementation: S) -> crate::rt::server::Router<Dispatcher<S>> {
            crate::rt::server::Router::new(Dispatcher(implementation))
        }

        /// Routes and validates requests for an implementation; see [`router`].
        #[derive(::std::fmt::Debug)]
        pub struct Dispatcher<S>(pub S);

        #routes
        #errors
        #dispatch
        #rules
        #validators

        #[cfg(test)]
        mod pattern_tests {
            #[test]
            fn every_pattern_compiles() {
                for pattern in super::PATTERNS {
                    assert!(pattern.compiles(), "{} (from {}) does not compile", pattern.rust(), pattern.ecma());
                }
            }
        }
    }
}

fn server_trait(service: &Service) -> TokenStream {
    let name = ident(&service.rust_name);
    let methods = service.operations.iter().map(|op| {
        let method = ident(&op.snake_name);
        let input = named(service, &op.input);
        let output = named(service, &op.output);
        let error = ident(&op.error_name);
        let op_name = &op.name;
        let doc = docs(op.docs.as_deref());
        let sep = if op.docs.is_some() { quote!(#[doc = ""]) } else { quote!() };
        let default_doc = format!(" Unless implemented, answers HTTP 501 with the error code `NotImplemented` (`{}`).", op.http.uri);
        quote! {
            #doc
            #sep
            #[doc = #default_doc]
            fn #method(
                &self,
                ctx: &crate::rt::server::RequestContext,
                input: #input,
            ) -> impl ::std::future::Future<Output = ::std::result::Result<#output, crate::error::#error>> + ::std::marker::Send {
                async move {
                    let _ = (ctx, input);
                    ::std::result::Result::Err(crate::rt::server::not_implemented(#op_name).into())
                }
            }
        }
    });
    let title = service
        .title
        .clone()
        .unwrap_or_else(|| service.sdk_id.clone());
    let text = format!(
        " {title}, one async method per operation.\n\n \
         Implement the operations you serve; every method has a default body, so the rest\n \
         answer HTTP 501 with the error code `NotImplemented` and a message naming the\n \
         operation. Clients see that as an unhandled error with that code and status.\n\n \
         Methods may be written as `async fn`. Input arrives decoded and validated;\n \
         return the output, or one of the operation's modeled errors. `ctx` holds the\n \
         request id, the headers and, when the request was signed, the caller."
    );
    let lines = text.lines().map(|l| quote!(#[doc = #l]));
    quote! {
        #(#lines)*
        pub trait #name: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }
    }
}

/// `Media` for a message: the payload's type, JSON, or no body.
fn media(service: &Service, id: &ShapeId, request: Option<&Operation>) -> TokenStream {
    let Some((_, s)) = service.structure(id) else {
        return quote!(crate::rt::server::Media::None);
    };
    if let Some(m) = s
        .members
        .iter()
        .find(|m| matches!(m.binding, Binding::Payload(_)))
    {
        return match (&m.binding, &m.media_type) {
            (Binding::Payload(PayloadKind::Blob), None) => quote!(crate::rt::server::Media::Any),
            (_, Some(media_type)) => quote!(crate::rt::server::Media::Exactly(#media_type)),
            (Binding::Payload(PayloadKind::Text), None) => {
                quote!(crate::rt::server::Media::Exactly("text/plain"))
            }
            _ => quote!(crate::rt::server::Media::Exactly("application/json")),
        };
    }
    let json = s.members.iter().any(|m| m.binding == Binding::Body)
        // An explicit input structure with no members still takes `{}`.
        || (s.members.is_empty() && request.is_some_and(|op| !op.unit_input))
        || request.is_none();
    if json {
        quote!(crate::rt::server::Media::Exactly("application/json"))
    } else {
        quote!(crate::rt::server::Media::None)
    }
}

fn route_table(service: &Service) -> TokenStream {
    let routes = service.operations.iter().map(|op| {
        let name = &op.name;
        let method = &op.http.method;
        let path = op.http.path.iter().map(|s| match s {
            PathSegment::Literal(text) => quote!(crate::rt::server::Segment::Literal(#text)),
            PathSegment::Label { greedy: false, .. } => quote!(crate::rt::server::Segment::Label),
            PathSegment::Label { greedy: true, .. } => quote!(crate::rt::server::Segment::Greedy),
        });
        let query = op.http.query_literals.iter().map(|(k, v)| quote!((#k, #v)));
        let request = media(service, &op.input, Some(op));
        let response = media(service, &op.output, None);
        quote! {
            crate::rt::server::Route {
                operation: #name,
                method: #method,
                path: &[#(#path),*],
                query: &[#(#query),*],
                request: #request,
                response: #response,
            },
        }
    });
    let n = Literal::usize_unsuffixed(service.operations.len());
    quote! {
        /// The route table, one entry per operation, in the order the dispatcher numbers them.
        pub static ROUTES: [crate::rt::server::Route; #n] = [#(#routes)*];
    }
}

fn dispatcher(service: &Service, v: &mut Validators<'_>) -> TokenStream {
    let trait_name = ident(&service.rust_name);
    let arms: Vec<TokenStream> = service
        .operations
        .iter()
        .enumerate()
        .map(|(index, op)| {
            let index = Literal::usize_unsuffixed(index);
            let method = ident(&op.snake_name);
            let snake = op.snake_name.trim_start_matches("r#");
            let read = format_ident!("read_request_{}", snake);
            let write_error = format_ident!("write_error_{}", snake);
            let output_snake = service.shape(&op.output).map_or(String::new(), |s| {
                s.snake_name.trim_start_matches("r#").to_owned()
            });
            let write_output = format_ident!("write_response_{}", output_snake);
            let code = op.http.code;
            let invalid = v.validation_error(op);
            let check = match v.structure_fn(&op.input) {
                Some(f) => quote!(#f),
                None => quote!(crate::rt::server::no_constraints),
            };
            quote! {
                #index => crate::rt::server::run(
                    &request,
                    &#invalid,
                    crate::protocol::server::#read,
                    #check,
                    |input| self.0.#method(&ctx, input),
                    #code,
                    crate::protocol::server::#write_output,
                    crate::protocol::server::#write_error,
                ).await,
            }
        })
        .collect();
    quote! {
        impl<S: #trait_name> crate::rt::server::Operations for Dispatcher<S> {
            fn routes(&self) -> &'static [crate::rt::server::Route] {
                &ROUTES
            }

            async fn call(
                &self,
                route: usize,
                ctx: crate::rt::server::RequestContext,
                request: crate::rt::wire::IncomingRequest,
            ) -> crate::rt::wire::Response {
                match route {
                    #(#arms)*
                    _ => crate::rt::server::validate::malformed(&crate::rt::server::validate::ValidationError::DEFAULT, "no such operation"),
                }
            }
        }
    }
}

/// Formats a bound the way validation messages print it: `2`, `2.2`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn bounds_phrase<T: std::fmt::Display>(what: &str, min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("Member must {what}between {min} and {max}, inclusive"),
        (Some(min), None) => format!("Member must {what}greater than or equal to {min}"),
        (None, Some(max)) => format!("Member must {what}less than or equal to {max}"),
        (None, None) => String::new(),
    }
}

fn opt_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

fn opt_f64(value: Option<f64>) -> TokenStream {
    match value {
        Some(v) => {
            let lit = Literal::f64_suffixed(v);
            quote!(::std::option::Option::Some(#lit))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// Validation code for the shapes reachable from operation inputs.
struct Validators<'a> {
    service: &'a Service,
    /// Whether a named structure or union needs a validator, memoised.
    needs: BTreeMap<ShapeId, bool>,
    /// Shapes whose validator is referenced, emitted at the end.
    wanted: BTreeSet<ShapeId>,
    /// Wanted shapes whose validator is not rendered yet.
    pending: BTreeSet<ShapeId>,
    /// `@pattern`s by (ECMA source, Rust translation), numbered in first use.
    patterns: Vec<(String, String)>,
    /// Shared rule statics (`TEXT_n`, `LENGTH_n`, `RANGE_n`), by a key of
    /// their contents, with their definitions in first-use order.
    rules: BTreeMap<String, proc_macro2::Ident>,
    rule_defs: Vec<TokenStream>,
    /// Enums whose check function is referenced.
    enums: BTreeSet<ShapeId>,
    /// Validation error descriptors referenced, by shape.
    errors: BTreeSet<ShapeId>,
}

impl<'a> Validators<'a> {
    fn new(service: &'a Service) -> Self {
        let mut v = Validators {
            service,
            needs: BTreeMap::new(),
            wanted: BTreeSet::new(),
            pending: BTreeSet::new(),
            patterns: Vec::new(),
            rules: BTreeMap::new(),
            rule_defs: Vec::new(),
            enums: BTreeSet::new(),
            errors: BTreeSet::new(),
        };
        v.compute_needs();
        v
    }

    /// Fixpoint: a structure needs a validator when a member has a
    /// constraint, is required but kept optional, or holds something that
    /// needs one; unions always do (unknown members are refused).
    fn compute_needs(&mut self) {
        for (id, shape) in &self.service.shapes {
            let start = matches!(shape.kind, ShapeKind::Union(_));
            if matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
                self.needs.insert(id.clone(), start);
            }
        }
        loop {
            let mut changed = false;
            for (id, shape) in &self.service.shapes {
                let members = match &shape.kind {
                    ShapeKind::Structure(s) => &s.members,
                    ShapeKind::Union(u) => &u.members,
                    _ => continue,
                };
                if self.needs.get(id) == Some(&true) {
                    continue;
                }
                if members.iter().any(|m| self.member_needs(m)) {
                    self.needs.insert(id.clone(), true);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn member_needs(&self, m: &Member) -> bool {
        (m.required && m.optional) || self.value_needs(&m.ty, &m.constraints)
    }

    fn value_needs(&self, ty: &Type, c: &Constraints) -> bool {
        let own = match ty {
            Type::String => c.length.is_some() || c.regex.is_some() || c.enum_values.is_some(),
            Type::Blob | Type::Map { .. } => c.length.is_some(),
            Type::List { .. } => c.length.is_some() || c.unique_items,
            t if is_number(t) => c.range.is_some(),
            _ => false,
        };
        own || match ty {
            Type::Named { id, .. } => match self.service.shape(id).map(|s| &s.kind) {
                Some(ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) => true,
                _ => self.needs.get(id) == Some(&true),
            },
            Type::List { item, .. } => self.value_needs(&item.ty, &item.constraints),
            Type::Map {
                key_constraints,
                value,
                ..
            } => {
                self.value_needs(&Type::String, key_constraints)
                    || self.value_needs(&value.ty, &value.constraints)
            }
            _ => false,
        }
    }

    /// The validator function of a structure or union, if it needs one.
    fn structure_fn(&mut self, id: &ShapeId) -> Option<proc_macro2::Ident> {
        if self.needs.get(id) != Some(&true) {
            return None;
        }
        if self.wanted.insert(id.clone()) {
            self.pending.insert(id.clone());
        }
        let shape = self.service.shape(id)?;
        Some(format_ident!(
            "validate_{}",
            shape.snake_name.trim_start_matches("r#")
        ))
    }

    fn pattern(&mut self, ecma: &str, rust: &str) -> TokenStream {
        let index = match self
            .patterns
            .iter()
            .position(|(e, r)| e == ecma && r == rust)
        {
            Some(i) => i,
            None => {
                self.patterns.push((ecma.to_owned(), rust.to_owned()));
                self.patterns.len() - 1
            }
        };
        let name = format_ident!("PATTERN_{}", index);
        quote!(&#name)
    }

    /// The static holding a rule, defined on first use.
    fn rule(
        &mut self,
        kind: &str,
        key: String,
        ty: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let full_key = format!("{kind} {key}");
        if let Some(name) = self.rules.get(&full_key) {
            return quote!(&#name);
        }
        let count = self
            .rules
            .keys()
            .filter(|k| k.starts_with(&format!("{kind} ")))
            .count();
        let name = format_ident!("{}_{}", kind, count);
        self.rule_defs.push(quote!(static #name: #ty = #value;));
        self.rules.insert(full_key, name.clone());
        quote!(&#name)
    }

    fn length_value(min: Option<u64>, max: Option<u64>) -> TokenStream {
        let phrase = bounds_phrase("have length ", min, max);
        let (min, max) = (opt_u64(min), opt_u64(max));
        quote!(crate::rt::server::validate::Length { min: #min, max: #max, phrase: #phrase })
    }

    fn length_rule(&mut self, min: Option<u64>, max: Option<u64>) -> TokenStream {
        let value = Self::length_value(min, max);
        self.rule(
            "LENGTH",
            format!("{min:?} {max:?}"),
            quote!(crate::rt::server::validate::Length),
            value,
        )
    }

    fn range_rule(&mut self, min: Option<f64>, max: Option<f64>) -> TokenStream {
        let phrase = bounds_phrase("be ", min.map(number), max.map(number));
        let key = format!("{min:?} {max:?}");
        let (min, max) = (opt_f64(min), opt_f64(max));
        let value =
            quote!(crate::rt::server::validate::Range { min: #min, max: #max, phrase: #phrase });
        self.rule(
            "RANGE",
            key,
            quote!(crate::rt::server::validate::Range),
            value,
        )
    }

    /// The shared `TextRule` of a string's constraints, if it has any.
    fn text_rule(&mut self, c: &Constraints) -> Option<TokenStream> {
        let pattern = match (&c.pattern, &c.regex) {
            (Some(ecma), Some(rust)) => Some((ecma.clone(), rust.clone())),
            _ => None,
        };
        if c.length.is_none() && pattern.is_none() && c.enum_values.is_none() {
            return None;
        }
        let key = format!(
            "{:?} {:?} {:?} {:?}",
            c.length, pattern, c.enum_values, c.enum_internal
        );
        let length = match c.length {
            Some((min, max)) => {
                let value = Self::length_value(min, max);
                quote!(::std::option::Option::Some(#value))
            }
            None => quote!(::std::option::Option::None),
        };
        let pattern = match &pattern {
            Some((ecma, rust)) => {
                let p = self.pattern(ecma, rust);
                quote!(::std::option::Option::Some(#p))
            }
            None => quote!(::std::option::Option::None),
        };
        let values = match &c.enum_values {
            Some(values) => {
                let listed: Vec<&str> = values
                    .iter()
                    .filter(|v| !c.enum_internal.contains(v))
                    .map(String::as_str)
                    .collect();
                let phrase = format!(
                    "Member must satisfy enum value set: [{}]",
                    listed.join(", ")
                );
                quote!(::std::option::Option::Some((&[#(#values),*], #phrase)))
            }
            None => quote!(::std::option::Option::None),
        };
        let value = quote!(crate::rt::server::validate::TextRule { length: #length, pattern: #pattern, values: #values });
        Some(self.rule(
            "TEXT",
            key,
            quote!(crate::rt::server::validate::TextRule),
            value,
        ))
    }

    /// The check function of an enum (`Unknown` values are invalid input).
    fn enum_fn(&mut self, id: &ShapeId) -> TokenStream {
        self.enums.insert(id.clone());
        let snake = self.service.shape(id).map_or(String::new(), |s| {
            s.snake_name.trim_start_matches("r#").to_owned()
        });
        let name = format_ident!("check_{}", snake);
        quote!(#name)
    }

    /// The pattern table, the shared rules and the enum checks.
    fn rule_statics(&self) -> TokenStream {
        let n = Literal::usize_unsuffixed(self.patterns.len());
        let names: Vec<proc_macro2::Ident> = (0..self.patterns.len())
            .map(|i| format_ident!("PATTERN_{}", i))
            .collect();
        let patterns = self.patterns.iter().zip(&names).map(|((ecma, rust), name)| {
            let doc = format!(" `{ecma}`");
            quote! {
                #[doc = #doc]
                static #name: crate::rt::server::validate::Pattern = crate::rt::server::validate::Pattern::new(#ecma, #rust);
            }
        });
        let defs = &self.rule_defs;
        let enums = self.enums.iter().filter_map(|id| {
            let shape = self.service.shape(id)?;
            let name = format_ident!("check_{}", shape.snake_name.trim_start_matches("r#"));
            let listed: Vec<String> = match &shape.kind {
                ShapeKind::Enum(e) => e
                    .variants
                    .iter()
                    .filter(|v| !v.internal)
                    .map(|v| v.value.clone())
                    .collect(),
                ShapeKind::IntEnum(e) => e.variants.iter().map(|v| v.value.to_string()).collect(),
                _ => return None,
            };
            let phrase = format!(
                "Member must satisfy enum value set: [{}]",
                listed.join(", ")
            );
            let ty = named(self.service, id);
            let doc = format!(" `{}` must be a value the model lists.", id);
            Some(quote! {
                #[doc = #doc]
                fn #name(value: &#ty, v: &mut crate::rt::server::validate::Violations) -> bool {
                    v.enum_value(!::std::matches!(value, #ty::Unknown(_)), #phrase)
                }
            })
        });
        quote! {
            /// Every `@pattern` the validators check, as written in the model and
            /// translated for `regex-lite`; each compiles on first use.
            pub static PATTERNS: &[&crate::rt::server::validate::Pattern; #n] = &[#(&#names),*];
            #(#patterns)*
            #(#defs)*
            #(#enums)*
        }
    }

    /// The `ValidationError` expression for an operation.
    fn validation_error(&mut self, op: &Operation) -> TokenStream {
        match &op.validation_error {
            Some(id)
                if self
                    .service
                    .structure(id)
                    .is_some_and(|(_, s)| s.error.is_some()) =>
            {
                self.errors.insert(id.clone());
                let name = format_ident!("{}", validation_const(self.service, id));
                quote!(#name)
            }
            _ => quote!(crate::rt::server::validate::ValidationError::DEFAULT),
        }
    }

    fn validation_errors(&self) -> TokenStream {
        let items = self.errors.iter().filter_map(|id| {
            let (shape, s) = self.service.structure(id)?;
            let info = s.error.as_ref()?;
            let name = format_ident!("{}", validation_const(self.service, id));
            let code = &info.code;
            let status = info.http_status;
            let find = |members: &[Member], wanted: &str| members.iter().find(|m| m.name.eq_ignore_ascii_case(wanted)).map(|m| m.json_name.clone());
            let message_key = find(&s.members, "message").unwrap_or_else(|| "message".to_owned());
            let field_list = s
                .members
                .iter()
                .find(|m| m.name == "fieldList")
                .and_then(|m| match &m.ty {
                    Type::List { item, .. } => match &item.ty {
                        Type::Named { id, .. } => Some((m.json_name.clone(), id.clone())),
                        _ => None,
                    },
                    _ => None,
                })
                .and_then(|(key, item)| {
                    let (_, entry) = self.service.structure(&item)?;
                    Some((key, find(&entry.members, "path")?, find(&entry.members, "message")?))
                });
            let field_list = match field_list {
                Some((list, path, message)) => quote!(::std::option::Option::Some((#list, #path, #message))),
                None => quote!(::std::option::Option::None),
            };
            let malformed_too = id.namespace != "smithy.framework";
            let doc = format!(" How input that fails validation is answered: `{}`.", shape.id);
            Some(quote! {
                #[doc = #doc]
                const #name: crate::rt::server::validate::ValidationError = crate::rt::server::validate::ValidationError {
                    code: #code,
                    status: #status,
                    message_key: #message_key,
                    field_list: #field_list,
                    malformed_too: #malformed_too,
                };
            })
        });
        quote!(#(#items)*)
    }

    /// Validator functions for every wanted shape (and what they reach).
    fn functions(&mut self) -> TokenStream {
        // Smallest pending first; rendering may want more shapes. A set of
        // pending IDs keeps this linear (scanning `wanted` was quadratic).
        let mut out = Vec::new();
        while let Some(id) = self.pending.pop_first() {
            if let Some(f) = self.function(&id) {
                out.push(f);
            }
        }
        quote!(#(#out)*)
    }

    fn function(&mut self, id: &ShapeId) -> Option<TokenStream> {
        let service = self.service;
        let shape = service.shape(id)?;
        let name = format_ident!("validate_{}", shape.snake_name.trim_start_matches("r#"));
        let ty = named(service, id);
        let body = match &shape.kind {
            ShapeKind::Structure(s) => {
                let checks: Vec<TokenStream> =
                    s.members.iter().filter_map(|m| self.member(m)).collect();
                quote!(#(#checks)*)
            }
            ShapeKind::Union(u) => {
                let mut arms = Vec::new();
                let mut all = true;
                for m in &u.members {
                    let variant = ident(&m.rust_name);
                    let check = if m.ty == Type::Unit {
                        None
                    } else {
                        self.value(&m.ty, &m.constraints)
                    };
                    match check {
                        Some(check) => {
                            let key = &m.name;
                            arms.push(quote!(#ty::#variant(value) => { v.member(#key, value, |v, x| #check); }));
                        }
                        None => all = false,
                    }
                }
                if arms.is_empty() {
                    quote! {
                        if let #ty::Unknown(_) = value {
                            v.unknown_union_member();
                        }
                    }
                } else {
                    let rest = if all { quote!() } else { quote!(_ => {}) };
                    quote! {
                        match value {
                            #(#arms)*
                            #ty::Unknown(_) => v.unknown_union_member(),
                            #rest
                        }
                    }
                }
            }
            _ => return None,
        };
        let doc = format!(" Checks the constraints of `{}` and what it holds.", id);
        Some(quote! {
            #[doc = #doc]
            fn #name(value: &#ty, v: &mut crate::rt::server::validate::Violations) {
                #body
            }
        })
    }

    /// Checks of one structure member, at its member name.
    fn member(&mut self, m: &Member) -> Option<TokenStream> {
        let field = ident(&m.rust_name);
        let key = &m.name;
        let check = self.value(&m.ty, &m.constraints);
        let required = m.required && m.optional;
        Some(match (m.optional, check) {
            (true, Some(check)) if required => {
                quote!(v.member_required(#key, &value.#field, |v, x| #check);)
            }
            (true, None) if required => quote!(v.at(#key, |v| v.required(&value.#field));),
            (true, Some(check)) => quote!(v.member_opt(#key, &value.#field, |v, x| #check);),
            (false, Some(check)) => quote!(v.member(#key, &value.#field, |v, x| #check);),
            (_, None) => return None,
        })
    }

    /// Checks of a value `x` (a closure parameter of type `&T`), as one
    /// expression: its own constraints, first failure only, then what it holds.
    fn value(&mut self, ty: &Type, c: &Constraints) -> Option<TokenStream> {
        let service = self.service;
        let mut own: Vec<TokenStream> = Vec::new();
        match ty {
            Type::String => {
                if let Some(rule) = self.text_rule(c) {
                    own.push(quote!(v.text(x, #rule)));
                }
            }
            Type::Blob | Type::List { .. } | Type::Map { .. } => {
                if let Some((min, max)) = c.length {
                    let rule = self.length_rule(min, max);
                    own.push(quote!(v.count(x.len(), #rule)));
                }
                if c.unique_items && matches!(ty, Type::List { .. }) {
                    let codec = json_codec(ty);
                    own.push(quote!(v.unique(&<#codec as crate::rt::json::Codec<_>>::encode(x))));
                }
            }
            t if is_number(t) => {
                if let Some((min, max)) = c.range {
                    let rule = self.range_rule(min, max);
                    own.push(quote!(v.within(*x, #rule)));
                }
            }
            _ => {}
        }
        let nested: Option<TokenStream> = match ty {
            Type::Named { id, .. } => match service.shape(id).map(|s| &s.kind) {
                Some(ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) => {
                    let f = self.enum_fn(id);
                    own.push(quote!(#f(x, v)));
                    None
                }
                _ => self.structure_fn(id).map(|f| quote!(#f(x, v))),
            },
            Type::List { item, sparse } => self.value(&item.ty, &item.constraints).map(|check| {
                if *sparse {
                    quote!(v.items_present(x, |v, x| #check))
                } else {
                    quote!(v.items(x, |v, x| #check))
                }
            }),
            Type::Map {
                key_constraints,
                value,
                sparse,
            } => {
                let keys = self
                    .value(&Type::String, key_constraints)
                    .map(|check| quote!(v.keys(x, |v, x| #check);));
                let values = self.value(&value.ty, &value.constraints).map(|check| {
                    if *sparse {
                        quote!(v.values_present(x, |v, x| #check);)
                    } else {
                        quote!(v.values(x, |v, x| #check);)
                    }
                });
                match (keys, values) {
                    (None, None) => None,
                    (k, val) => {
                        let (k, val) = (k.unwrap_or_default(), val.unwrap_or_default());
                        Some(quote!({ #k #val }))
                    }
                }
            }
            _ => None,
        };
        match (own.is_empty(), nested) {
            (true, None) => None,
            (true, Some(nested)) => Some(nested),
            (false, None) => Some(quote!(#(#own)&&*)),
            (false, Some(nested)) => Some(quote!(if #(#own)&&* { #nested; })),
        }
    }
}

fn is_number(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Byte
            | Type::Short
            | Type::Integer
            | Type::Long
            | Type::BigInteger
            | Type::Float
            | Type::Double
            | Type::BigDecimal
    )
}

fn validation_const(service: &Service, id: &ShapeId) -> String {
    let snake = service.shape(id).map_or_else(
        || id.name.clone(),
        |s| s.snake_name.trim_start_matches("r#").to_owned(),
    );
    format!("INVALID_{}", snake.to_ascii_uppercase())
}
