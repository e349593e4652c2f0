//! restJson1 message (de)serialisation, both directions:
//! the client writes requests and reads responses; the server reads
//! requests and writes responses. Each member is rendered by its binding.

use super::types::{decode_member, encode_members};
use super::{ident, json_codec, named, or_default, text_codec};
use crate::ir::{
    Binding, Member, Operation, PathSegment, PayloadKind, Service, Structure, TimestampFormat, Type,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `src/protocol/`: the client half and the server half, feature-gated.
pub fn files(service: &Service) -> Vec<super::SourceFile<'_>> {
    let module = super::SourceFile::new("src/protocol/mod.rs").part(|| {
        quote! {
            //! How each operation's messages look on the wire (restJson1).

            /// Writing requests and reading responses.
            #[cfg(feature = "client")]
            pub(crate) mod client;

            /// Reading requests and writing responses.
            #[cfg(feature = "server")]
            pub(crate) mod server;
        }
    });
    let mut client = super::SourceFile::new("src/protocol/client.rs");
    let mut server = super::SourceFile::new("src/protocol/server.rs");
    for op in &service.operations {
        let Some((_, input)) = service.structure(&op.input) else {
            continue;
        };
        client = client.part(move || {
            let write = write_request(service, op, input);
            let errors = read_errors(service, op);
            quote!(#write #errors)
        });
        server = server.part(move || {
            let read = read_request(service, op, input);
            let errors = write_errors(service, op);
            quote!(#read #errors)
        });
    }
    // Outputs and errors are messages read by clients and written by servers.
    let mut messages: Vec<&crate::ir::ShapeId> =
        service.operations.iter().map(|o| &o.output).collect();
    messages.extend(service.operations.iter().flat_map(|o| &o.errors));
    messages.sort();
    messages.dedup();
    for id in messages {
        let Some((shape, s)) = service.structure(id) else {
            continue;
        };
        let status = match &s.error {
            Some(e) => e.http_status,
            None => 200,
        };
        // The synthesised output of a `Unit` operation has no body at all;
        // every other response without body members is still `{}`.
        let unit = service
            .operations
            .iter()
            .any(|o| o.unit_output && &o.output == id);
        client = client.part(move || read_response(service, &shape.snake_name, id, s));
        server =
            server.part(move || write_response(service, &shape.snake_name, id, s, status, unit));
    }
    vec![module, client, server]
}

fn fn_name(prefix: &str, snake: &str) -> Ident {
    format_ident!("{}_{}", prefix, snake.trim_start_matches("r#"))
}

fn members_with<'a>(
    s: &'a Structure,
    pred: impl Fn(&Binding) -> bool + 'a,
) -> impl Iterator<Item = &'a Member> + 'a {
    s.members.iter().filter(move |m| pred(&m.binding))
}

fn is_http_date_list(ty: &Type) -> bool {
    matches!(ty, Type::List { item, .. } if item.ty == Type::Timestamp(TimestampFormat::HttpDate))
}

fn list_item(ty: &Type) -> Option<&Type> {
    match ty {
        Type::List { item, .. } => Some(&item.ty),
        _ => None,
    }
}

/// Client: `write_request_<op>(&input) -> OutgoingRequest`.
fn write_request(service: &Service, op: &Operation, input: &Structure) -> TokenStream {
    let name = fn_name("write_request", &op.snake_name);
    let input_ty = named(service, &op.input);
    let method = &op.http.method;
    let mut steps = Vec::new();
    for segment in &op.http.path {
        match segment {
            PathSegment::Literal(text) => steps.push(quote!(request.literal(#text);)),
            PathSegment::Label { member, greedy } => {
                let Some(m) = input.members.iter().find(|m| &m.name == member) else {
                    continue;
                };
                let field = ident(&m.rust_name);
                let codec = text_codec(&m.ty, false);
                let call = if *greedy {
                    quote!(greedy_label)
                } else {
                    quote!(label)
                };
                let wire = &m.name;
                if m.optional {
                    let missing =
                        format!("input member `{wire}` is bound to the URI and must be set");
                    steps.push(quote! {
                        match &input.#field {
                            ::std::option::Option::Some(value) => request.#call::<#codec, _>(#wire, value)?,
                            ::std::option::Option::None => return ::std::result::Result::Err(crate::rt::wire::SerializeError(::std::string::String::from(#missing))),
                        }
                    });
                } else {
                    steps.push(quote!(request.#call::<#codec, _>(#wire, &input.#field)?;));
                }
            }
        }
    }
    for (key, value) in &op.http.query_literals {
        steps.push(quote!(request.query_literal(#key, #value);));
    }
    for m in &input.members {
        let field = ident(&m.rust_name);
        let (value, wrap): (TokenStream, bool) = if m.optional {
            (quote!(value), true)
        } else {
            (quote!(&input.#field), false)
        };
        let step = match &m.binding {
            Binding::Query(key) => match list_item(&m.ty) {
                Some(item) => {
                    let codec = text_codec(item, false);
                    quote!(request.query_list::<#codec, _>(#key, #value);)
                }
                None => {
                    let codec = text_codec(&m.ty, false);
                    quote!(request.query::<#codec, _>(#key, #value);)
                }
            },
            Binding::Header(key) => {
                let key = key.to_ascii_lowercase();
                match list_item(&m.ty) {
                    Some(item) => {
                        let codec = text_codec(item, false);
                        quote!(request.header_list::<#codec, _>(#key, #value)?;)
                    }
                    None => {
                        let codec = text_codec(&m.ty, m.media_type.is_some());
                        quote!(request.header::<#codec, _>(#key, #value)?;)
                    }
                }
            }
            Binding::PrefixHeaders(prefix) => {
                let codec = map_value_codec(&m.ty);
                quote!(request.prefix_headers::<#codec, _>(#prefix, #value)?;)
            }
            _ => continue,
        };
        steps.push(if wrap {
            quote!(if let ::std::option::Option::Some(value) = &input.#field { #step })
        } else {
            step
        });
    }
    // Query params go last so named `@httpQuery` members take precedence.
    for m in members_with(input, |b| b == &Binding::QueryParams) {
        let field = ident(&m.rust_name);
        let call = query_params_call(&m.ty);
        let codec = query_params_codec(&m.ty);
        let step = if m.optional {
            quote!(if let ::std::option::Option::Some(value) = &input.#field { request.#call::<#codec, _>(value); })
        } else {
            quote!(request.#call::<#codec, _>(&input.#field);)
        };
        steps.push(step);
    }
    steps.push(write_body(
        service,
        input,
        &quote!(input),
        &quote!(request),
        Body::Request,
    ));
    // An input without members is never read.
    let param = if input.members.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    quote! {
        pub(crate) fn #name(#param: &#input_ty) -> ::std::result::Result<crate::rt::wire::OutgoingRequest, crate::rt::wire::SerializeError> {
            let mut request = crate::rt::wire::OutgoingRequest::new(#method);
            #(#steps)*
            ::std::result::Result::Ok(request)
        }
    }
}

fn query_params_call(ty: &Type) -> TokenStream {
    if matches!(ty, Type::Map { value, .. } if matches!(value.ty, Type::List { .. })) {
        quote!(query_params_list)
    } else {
        quote!(query_params)
    }
}

fn query_params_codec(ty: &Type) -> TokenStream {
    match ty {
        Type::Map { value, .. } => match &value.ty {
            Type::List { item, .. } => text_codec(&item.ty, false),
            other => text_codec(other, false),
        },
        _ => quote!(crate::rt::text::Plain),
    }
}

fn map_value_codec(ty: &Type) -> TokenStream {
    match ty {
        Type::Map { value, .. } => text_codec(&value.ty, false),
        _ => quote!(crate::rt::text::Plain),
    }
}

/// Which message a body belongs to, for what an empty one looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// A request: no body members means no body; an unset structure payload is `{}`.
    Request,
    /// A response: no body members still means `{}`, unless the output is `Unit`.
    Response { unit: bool },
}

/// The body: a JSON object of the body members, or the payload member.
fn write_body(
    service: &Service,
    s: &Structure,
    source: &TokenStream,
    target: &TokenStream,
    kind_of: Body,
) -> TokenStream {
    if let Some(m) = s
        .members
        .iter()
        .find(|m| matches!(m.binding, Binding::Payload(_)))
    {
        let field = ident(&m.rust_name);
        let Binding::Payload(kind) = m.binding else {
            return quote!();
        };
        let write = match kind {
            PayloadKind::Blob => {
                let content_type = m
                    .media_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into());
                quote!(#target.payload(value.clone(), #content_type);)
            }
            PayloadKind::Text => {
                let content_type = m.media_type.clone().unwrap_or_else(|| "text/plain".into());
                let codec = text_codec(&m.ty, false);
                quote!(#target.payload(<#codec as crate::rt::text::TextCodec<_>>::encode(value).into_bytes(), #content_type);)
            }
            PayloadKind::Json => {
                let codec = json_codec(&m.ty);
                quote!(#target.payload(crate::rt::json::to_vec(&<#codec as crate::rt::json::Codec<_>>::encode(value)), "application/json");)
            }
        };
        let structure = matches!(&m.ty, Type::Named { id, .. } if service.structure(id).is_some());
        return if m.optional && structure && kind_of == Body::Request {
            quote! {
                match &#source.#field {
                    ::std::option::Option::Some(value) => { #write }
                    ::std::option::Option::None => #target.json_body(crate::rt::json::Object::new()),
                }
            }
        } else if m.optional {
            quote!(if let ::std::option::Option::Some(value) = &#source.#field { #write })
        } else {
            quote!({ let value = &#source.#field; #write })
        };
    }
    let body: Vec<&Member> = members_with(s, |b| b == &Binding::Body).collect();
    if body.is_empty() {
        return match kind_of {
            Body::Response { unit: false } => {
                quote!(#target.json_body(crate::rt::json::Object::new());)
            }
            _ => quote!(),
        };
    }
    let puts = encode_members(body.into_iter(), source);
    quote! {
        let mut object = crate::rt::json::Object::new();
        #puts
        #target.json_body(object);
    }
}

/// Client: the operation's error codes mapped to its error enum.
fn read_errors(service: &Service, op: &Operation) -> TokenStream {
    let name = fn_name("read_error", &op.snake_name);
    let error_ty = ident(&op.error_name);
    let arms: Vec<TokenStream> = op
        .errors
        .iter()
        .filter_map(|id| {
            let (shape, s) = service.structure(id)?;
            let code = s.error.as_ref().map_or(id.name.clone(), |e| e.code.clone());
            let read = fn_name("read_response", &shape.snake_name);
            let variant = ident(&shape.rust_name);
            Some(quote!(#code => #read(status, headers, body).map(crate::error::#error_ty::#variant),))
        })
        .collect();
    if arms.is_empty() {
        return quote! {
            pub(crate) fn #name(_code: &str, _status: u16, _headers: &::http::HeaderMap, _body: &[u8]) -> ::std::option::Option<::std::result::Result<crate::error::#error_ty, crate::rt::error::DecodeError>> {
                ::std::option::Option::None
            }
        };
    }
    quote! {
        pub(crate) fn #name(code: &str, status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::option::Option<::std::result::Result<crate::error::#error_ty, crate::rt::error::DecodeError>> {
            let _ = (status, headers, body);
            ::std::option::Option::Some(match code {
                #(#arms)*
                _ => return ::std::option::Option::None,
            })
        }
    }
}

/// Client: an output or error structure from status, headers and body.
fn read_response(
    service: &Service,
    snake: &str,
    id: &crate::ir::ShapeId,
    s: &Structure,
) -> TokenStream {
    let name = fn_name("read_response", snake);
    let ty = named(service, id);
    let (prelude, fields) = read_members(service, s, &quote!(headers), &quote!(body), None);
    quote! {
        pub(crate) fn #name(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#ty, crate::rt::error::DecodeError> {
            let _ = (status, headers, body);
            #prelude
            ::std::result::Result::Ok(#ty { #(#fields)* })
        }
    }
}

/// Field initialisers reading every member of a message. With `request`
/// set, labels and query come from the incoming request.
fn read_members(
    service: &Service,
    s: &Structure,
    headers: &TokenStream,
    body: &TokenStream,
    request: Option<(&Operation, &TokenStream)>,
) -> (TokenStream, Vec<TokenStream>) {
    let has_body = s.members.iter().any(|m| m.binding == Binding::Body);
    let prelude = if has_body {
        quote!(let object = &crate::rt::wire::json_object(#body)?;)
    } else {
        quote!()
    };
    // A server puts every query parameter into an `@httpQueryParams` map,
    // those bound to `@httpQuery` members too; only the URI's literals stay out.
    let bound_query: Vec<&str> = request
        .iter()
        .flat_map(|(op, _)| op.http.query_literals.iter().map(|(k, _)| k.as_str()))
        .collect();
    // Servers are strict where clients are lenient: no UTC offsets in date-times.
    let server = request.is_some();
    let text_codec = |ty: &Type, media_type: bool| {
        if server {
            strict_text_codec(ty, media_type)
        } else {
            text_codec(ty, media_type)
        }
    };
    let fields = s
        .members
        .iter()
        .map(|m| {
            let field = ident(&m.rust_name);
            let wire = &m.name;
            // `value` is an expression of type `Option<T>`.
            let value = match &m.binding {
                Binding::Body if server => return decode_member_strict(service, m),
                Binding::Body => return decode_member(service, m),
                Binding::Header(key) => {
                    let key = key.to_ascii_lowercase();
                    match list_item(&m.ty) {
                        Some(item) => {
                            let codec = text_codec(item, false);
                            let dates = is_http_date_list(&m.ty);
                            quote!(crate::rt::wire::header_list::<#codec, _>(#headers, #key, #dates)?)
                        }
                        None => {
                            let codec = text_codec(&m.ty, m.media_type.is_some());
                            quote!(crate::rt::wire::header::<#codec, _>(#headers, #key)?)
                        }
                    }
                }
                Binding::PrefixHeaders(prefix) => {
                    let codec = map_value_codec(&m.ty);
                    quote!(::std::option::Option::Some(crate::rt::wire::prefix_headers::<#codec, _>(#headers, #prefix)?).filter(|map| !map.is_empty()))
                }
                // Only responses have a status; a request never fills this member.
                Binding::ResponseCode if request.is_some() => quote!(::std::option::Option::None),
                Binding::ResponseCode => quote!(::std::option::Option::Some(i32::from(status))),
                Binding::Payload(kind) => match kind {
                    PayloadKind::Blob => quote!(::std::option::Option::Some(<[u8]>::to_vec(#body)).filter(|b| !b.is_empty())),
                    PayloadKind::Text => {
                        let codec = text_codec(&m.ty, false);
                        quote!(crate::rt::wire::text_payload::<#codec, _>(#body)?)
                    }
                    // Clients send `{}` for an unset structure payload.
                    PayloadKind::Json if server && m.optional && matches!(&m.ty, Type::Named { id, .. } if service.structure(id).is_some()) => {
                        let codec = json_codec(&m.ty);
                        quote!(crate::rt::wire::json_structure_payload::<#codec, _>(#body)?)
                    }
                    PayloadKind::Json => {
                        let codec = json_codec(&m.ty);
                        quote!(crate::rt::wire::json_payload::<#codec, _>(#body)?)
                    }
                },
                Binding::Label { .. } => {
                    let Some((op, req)) = request else { return quote!(#field: ::std::default::Default::default(),) };
                    let index = op
                        .http
                        .path
                        .iter()
                        .filter(|s| matches!(s, PathSegment::Label { .. }))
                        .position(|s| matches!(s, PathSegment::Label { member, .. } if member == &m.name))
                        .unwrap_or(usize::MAX);
                    let codec = text_codec(&m.ty, false);
                    quote!(::std::option::Option::Some(#req.label::<#codec, _>(#index, #wire)?))
                }
                Binding::Query(key) => {
                    let Some((_, req)) = request else { return quote!(#field: ::std::default::Default::default(),) };
                    match list_item(&m.ty) {
                        Some(item) => {
                            let codec = text_codec(item, false);
                            quote!(#req.query_list::<#codec, _>(#key)?)
                        }
                        None => {
                            let codec = text_codec(&m.ty, false);
                            quote!(#req.query::<#codec, _>(#key)?)
                        }
                    }
                }
                Binding::QueryParams => {
                    let Some((_, req)) = request else { return quote!(#field: ::std::default::Default::default(),) };
                    let call = query_params_call(&m.ty);
                    let codec = query_params_codec(&m.ty);
                    let bound = &bound_query;
                    quote!(::std::option::Option::Some(#req.#call::<#codec, _>(&[#(#bound),*])?).filter(|map| !map.is_empty()))
                }
            };
            // An empty payload already means the default; keep it `None`.
            let fill = !matches!(m.binding, Binding::Payload(_));
            if let (true, true, Some(default)) = (fill, m.optional, &m.default) {
                let or = or_default(service, &m.ty, default);
                quote!(#field: ::std::option::Option::Some(#value #or),)
            } else if m.optional {
                quote!(#field: #value,)
            } else if let Some(default) = &m.default {
                let or = or_default(service, &m.ty, default);
                quote!(#field: #value #or,)
            } else {
                quote!(#field: crate::rt::wire::required(#value, #wire)?,)
            }
        })
        .collect();
    (prelude, fields)
}

/// A server's text codec: like [`text_codec`], but date-times must be in UTC (`Z`).
fn strict_text_codec(ty: &Type, media_type: bool) -> TokenStream {
    match ty {
        Type::Timestamp(TimestampFormat::DateTime) => quote!(crate::rt::text::UtcDateTimeFormat),
        _ => text_codec(ty, media_type),
    }
}

/// A server's read of a top-level body member: like `decode_member`, but
/// a date-time must be in UTC (`Z`).
fn decode_member_strict(service: &Service, m: &Member) -> TokenStream {
    if m.ty != Type::Timestamp(TimestampFormat::DateTime) {
        return decode_member(service, m);
    }
    let field = ident(&m.rust_name);
    let key = &m.json_name;
    let codec = quote!(crate::rt::json::UtcDateTimeFormat);
    if m.optional {
        quote!(#field: crate::rt::json::optional::<#codec, _>(object, #key)?,)
    } else if let Some(default) = &m.default {
        let or = or_default(service, &m.ty, default);
        quote!(#field: crate::rt::json::optional::<#codec, _>(object, #key)? #or,)
    } else {
        quote!(#field: crate::rt::json::required::<#codec, _>(object, #key)?,)
    }
}

/// Server: the operation's input from an incoming request.
fn read_request(service: &Service, op: &Operation, input: &Structure) -> TokenStream {
    let name = fn_name("read_request", &op.snake_name);
    let ty = named(service, &op.input);
    let req = quote!(request);
    let param = if input.members.is_empty() {
        quote!(_request)
    } else {
        quote!(request)
    };
    let (prelude, fields) = read_members(
        service,
        input,
        &quote!(&request.headers),
        &quote!(&request.body),
        Some((op, &req)),
    );
    quote! {
        pub(crate) fn #name(#param: &crate::rt::wire::IncomingRequest) -> ::std::result::Result<#ty, crate::rt::error::DecodeError> {
            #prelude
            ::std::result::Result::Ok(#ty { #(#fields)* })
        }
    }
}

/// Server: an output or error structure as a response.
fn write_response(
    service: &Service,
    snake: &str,
    id: &crate::ir::ShapeId,
    s: &Structure,
    status: u16,
    unit: bool,
) -> TokenStream {
    let name = fn_name("write_response", snake);
    let ty = named(service, id);
    let mut steps = Vec::new();
    for m in &s.members {
        let field = ident(&m.rust_name);
        let (value, wrap) = if m.optional {
            (quote!(value), true)
        } else {
            (quote!(&output.#field), false)
        };
        let step = match &m.binding {
            Binding::Header(key) => {
                let key = key.to_ascii_lowercase();
                match list_item(&m.ty) {
                    Some(item) => {
                        let codec = text_codec(item, false);
                        quote!(crate::rt::wire::set_header_list::<#codec, _>(&mut response.headers, #key, #value)?;)
                    }
                    None => {
                        let codec = text_codec(&m.ty, m.media_type.is_some());
                        quote!(crate::rt::wire::set_header::<#codec, _>(&mut response.headers, #key, #value)?;)
                    }
                }
            }
            Binding::PrefixHeaders(prefix) => {
                let codec = map_value_codec(&m.ty);
                quote!(crate::rt::wire::set_prefix_headers::<#codec, _>(&mut response.headers, #prefix, #value)?;)
            }
            Binding::ResponseCode => {
                quote!(if let ::std::result::Result::Ok(code) = u16::try_from(*#value) { if (100..=999).contains(&code) { response.status = code; } })
            }
            _ => continue,
        };
        steps.push(if wrap {
            quote!(if let ::std::option::Option::Some(value) = &output.#field { #step })
        } else {
            step
        });
    }
    if let Some(error) = &s.error {
        let code = &error.code;
        steps.push(quote!(response.headers.insert("x-amzn-errortype", ::http::HeaderValue::from_static(#code));));
    }
    steps.push(write_body(
        service,
        s,
        &quote!(output),
        &quote!(response),
        Body::Response { unit },
    ));
    steps.retain(|step| !step.is_empty());
    if steps.is_empty() {
        return quote! {
            pub(crate) fn #name(_output: &#ty) -> ::std::result::Result<crate::rt::wire::Response, crate::rt::wire::SerializeError> {
                ::std::result::Result::Ok(crate::rt::wire::Response::new(#status))
            }
        };
    }
    // A structure without members writes `{}` without reading the value.
    let param = if s.members.is_empty() {
        quote!(_output)
    } else {
        quote!(output)
    };
    quote! {
        pub(crate) fn #name(#param: &#ty) -> ::std::result::Result<crate::rt::wire::Response, crate::rt::wire::SerializeError> {
            let mut response = crate::rt::wire::Response::new(#status);
            #(#steps)*
            ::std::result::Result::Ok(response)
        }
    }
}

/// Server: the operation's error enum as a response.
fn write_errors(service: &Service, op: &Operation) -> TokenStream {
    let name = fn_name("write_error", &op.snake_name);
    let error_ty = ident(&op.error_name);
    let arms = op.errors.iter().filter_map(|id| {
        let (shape, _) = service.structure(id)?;
        let write = fn_name("write_response", &shape.snake_name);
        let variant = ident(&shape.rust_name);
        Some(quote!(crate::error::#error_ty::#variant(error) => #write(error),))
    });
    quote! {
        pub(crate) fn #name(error: &crate::error::#error_ty) -> ::std::result::Result<crate::rt::wire::Response, crate::rt::wire::SerializeError> {
            match error {
                #(#arms)*
                crate::error::#error_ty::Unhandled(error) => ::std::result::Result::Ok(crate::rt::wire::Response::unhandled(error)),
            }
        }
    }
}
