//! The client: one `Client` with a method per operation returning a fluent
//! builder, whose `send` runs the call; paginators for `@paginated` ones.

use super::{docs, ident, named, rust_type};
use crate::ir::{Member, Operation, Service, Structure};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `src/client.rs`: the `Client`, then one call builder per operation.
pub fn file(service: &Service) -> super::SourceFile<'_> {
    let mut file = super::SourceFile::new("src/client.rs").part(|| client(service));
    for op in &service.operations {
        if let Some((_, input)) = service.structure(&op.input) {
            file = file.part(move || fluent(service, op, input));
        }
    }
    file
}

fn client(service: &Service) -> TokenStream {
    let prefix = &service.endpoint_prefix;
    let signing = service
        .signing_name
        .clone()
        .unwrap_or_else(|| prefix.clone());
    let sdk_id = &service.sdk_id;
    let title = service.title.clone().unwrap_or_else(|| sdk_id.clone());
    let client_doc = format!(
        " A client for {title}.\n\n Cheap to clone: clones share one connection pool and configuration.\n\n ```no_run\n # async fn demo() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {{\n let client = {}::client::Client::from_env()?;\n # let _ = client;\n # Ok(())\n # }}\n ```",
        service.crate_name.replace('-', "_")
    );
    let client_doc = client_doc.lines().map(|l| quote!(#[doc = #l]));
    let methods = service.operations.iter().map(|op| {
        let method = ident(&op.snake_name);
        let fluent = fluent_name(op);
        let doc = docs(op.docs.as_deref());
        let dep = if op.deprecated {
            quote!(#[deprecated])
        } else {
            quote!()
        };
        let see = format!(" `{} {}`", op.http.method, op.http.uri);
        quote! {
            #doc
            ///
            #[doc = #see]
            #dep
            pub fn #method(&self) -> #fluent {
                #fluent {
                    handle: self.handle.clone(),
                    input: ::std::default::Default::default(),
                }
            }
        }
    });
    quote! {
        //! The restJson1 client: signed requests, endpoints, retries, paginators.

        static SERVICE: crate::rt::client::ServiceInfo = crate::rt::client::ServiceInfo {
            endpoint_prefix: #prefix,
            signing_name: #signing,
            sdk_id: #sdk_id,
            version: ::std::env!("CARGO_PKG_VERSION"),
        };

        pub use crate::rt::client::{Config, ConfigBuilder, ConfigError, Credentials, ResponseMeta, SdkError};

        #(#client_doc)*
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            handle: crate::rt::client::Handle,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: Config) -> Self {
                Client { handle: crate::rt::client::Handle::new(config, &SERVICE) }
            }

            /// A client configured from the environment: region, credentials
            /// (environment variables, then the shared files and `AWS_PROFILE`),
            /// and `AWS_ENDPOINT_URL`.
            pub fn from_env() -> ::std::result::Result<Self, ConfigError> {
                Config::from_env().map(Self::new)
            }

            /// The configuration in use.
            pub fn config(&self) -> &Config {
                self.handle.config()
            }

            #(#methods)*
        }
    }
}

fn fluent_name(op: &Operation) -> Ident {
    ident(&op.rust_name)
}

fn fluent(service: &Service, op: &Operation, input: &Structure) -> TokenStream {
    let name = fluent_name(op);
    let input_ty = named(service, &op.input);
    let output_ty = named(service, &op.output);
    let builder = match service.shape(&op.input) {
        Some(shape) => {
            let b = format_ident!("{}Builder", shape.rust_name);
            quote!(crate::types::#b)
        }
        None => quote!(()),
    };
    let error = ident(&op.error_name);
    let op_name = &op.name;
    let doc = format!(
        " Builds and sends a [`{}`](Client::{}) call.",
        op.name,
        op.snake_name.trim_start_matches("r#")
    );
    let setters = input.members.iter().map(|m| setter(service, m));
    let write = format_ident!("write_request_{}", op.snake_name.trim_start_matches("r#"));
    let output_snake = service
        .shape(&op.output)
        .map_or_else(String::new, |s| s.snake_name.clone());
    let read = format_ident!("read_response_{}", output_snake.trim_start_matches("r#"));
    let read_error = format_ident!("read_error_{}", op.snake_name.trim_start_matches("r#"));
    let tokens = input
        .members
        .iter()
        .filter(|m| m.idempotency_token)
        .map(|m| {
            let field = ident(&m.rust_name);
            quote! {
                if input.#field.is_none() {
                    input.#field = ::std::option::Option::Some(crate::rt::client::retry::uuid_v4());
                }
            }
        });
    let build = if service
        .structure(&op.input)
        .is_some_and(|(_, s)| s.fallible_builder)
    {
        quote! {
            let input: #input_ty = input.build().map_err(|e| {
                crate::rt::client::SdkError::new(
                    crate::error::#error::Unhandled(crate::rt::error::Unhandled::new(::std::option::Option::Some(e.to_string())).with_source(::std::boxed::Box::new(e))),
                    ::std::option::Option::None,
                )
            })?;
        }
    } else {
        quote!(let input: #input_ty = input.build();)
    };
    let paginator = op
        .pagination
        .as_ref()
        .map(|p| paginator(service, op, p, &name, &output_ty, &error));
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone)]
        #[must_use = "a call does nothing until `send` is awaited"]
        pub struct #name {
            handle: crate::rt::client::Handle,
            input: #builder,
        }

        impl #name {
            #(#setters)*

            /// Sends the call and returns its output.
            pub async fn send(self) -> ::std::result::Result<#output_ty, SdkError<crate::error::#error>> {
                self.send_with_meta().await.map(|(output, _)| output)
            }

            /// Sends the call and returns its output with the response's status and request ID.
            pub async fn send_with_meta(self) -> ::std::result::Result<(#output_ty, ResponseMeta), SdkError<crate::error::#error>> {
                #[allow(unused_mut)]
                let mut input = self.input;
                // Filled once here, so every retry repeats the same token.
                #(#tokens)*
                #build
                crate::rt::client::invoke::invoke(
                    &self.handle,
                    #op_name,
                    &input,
                    crate::protocol::client::#write,
                    crate::protocol::client::#read,
                    crate::protocol::client::#read_error,
                )
                .await
            }

            #paginator
        }
    }
}

fn setter(service: &Service, m: &Member) -> TokenStream {
    let field = ident(&m.rust_name);
    let ty = rust_type(service, &m.ty);
    let doc = docs(m.docs.as_deref().or(Some(&format!("Sets `{}`.", m.name))));
    quote! {
        #doc
        pub fn #field(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
            self.input = self.input.#field(value);
            self
        }
    }
}

/// `into_paginator` (pages) and, when the trait names them, `into_items`.
fn paginator(
    service: &Service,
    op: &Operation,
    p: &crate::ir::Pagination,
    fluent: &Ident,
    output_ty: &TokenStream,
    error: &Ident,
) -> TokenStream {
    let Some((_, input)) = service.structure(&op.input) else {
        return quote!();
    };
    let Some(token_member) = input.members.iter().find(|m| m.name == p.input_token) else {
        return quote!();
    };
    let token_field = ident(&token_member.rust_name);
    let Some(next_token) = path_expr(service, &op.output, &p.output_token, quote!(output)) else {
        return quote!();
    };
    let items = p.items.as_ref().and_then(|path| {
        let (ty, access) = owned_path(service, &op.output, path)?;
        Some(quote! {
            /// Every item of every page, fetched as the stream is polled.
            pub fn into_items(self) -> crate::rt::client::paginator::Items<#output_ty, SdkError<crate::error::#error>, #ty> {
                self.into_paginator().items(|output| #access)
            }
        })
    });
    quote! {
        /// Every page, fetched as the stream is polled. It stops after the last
        /// page, or when the service repeats a token.
        pub fn into_paginator(self) -> crate::rt::client::paginator::Paginator<#output_ty, SdkError<crate::error::#error>> {
            crate::rt::client::paginator::Paginator::new(
                move |token: ::std::option::Option<::std::string::String>| {
                    let mut call = #fluent { handle: self.handle.clone(), input: self.input.clone() };
                    if let ::std::option::Option::Some(token) = token {
                        call.input = call.input.#token_field(token);
                    }
                    ::std::boxed::Box::pin(call.send())
                },
                |output: &#output_ty| #next_token,
            )
        }

        #items
    }
}

/// `Option<String>` read through a member path, by reference.
fn path_expr(
    service: &Service,
    start: &crate::ir::ShapeId,
    path: &[String],
    root: TokenStream,
) -> Option<TokenStream> {
    let mut current = start.clone();
    let mut expr = quote!(::std::option::Option::Some(&#root));
    for name in path {
        let (_, s) = service.structure(&current)?;
        let m = s.members.iter().find(|m| &m.name == name)?;
        let field = ident(&m.rust_name);
        expr = if m.optional {
            quote!(#expr.and_then(|v| v.#field.as_ref()))
        } else {
            quote!(#expr.map(|v| &v.#field))
        };
        if let crate::ir::Type::Named { id, .. } = &m.ty {
            current = id.clone();
        }
    }
    Some(quote!(#expr.cloned()))
}

/// The item type and an expression moving the items out of `output`.
fn owned_path(
    service: &Service,
    start: &crate::ir::ShapeId,
    path: &[String],
) -> Option<(TokenStream, TokenStream)> {
    let mut current = start.clone();
    let mut expr = quote!(::std::option::Option::Some(output));
    let mut last = None;
    for name in path {
        let (_, s) = service.structure(&current)?;
        let m = s.members.iter().find(|m| &m.name == name)?;
        let field = ident(&m.rust_name);
        expr = if m.optional {
            quote!(#expr.and_then(|v| v.#field))
        } else {
            quote!(#expr.map(|v| v.#field))
        };
        if let crate::ir::Type::Named { id, .. } = &m.ty {
            current = id.clone();
        }
        last = Some(m.ty.clone());
    }
    match last? {
        crate::ir::Type::List {
            item,
            sparse: false,
        } => {
            let ty = rust_type(service, &item.ty);
            Some((ty, quote!(#expr.unwrap_or_default())))
        }
        crate::ir::Type::Map {
            value,
            sparse: false,
            ..
        } => {
            let ty = rust_type(service, &value.ty);
            let ty = quote!((::std::string::String, #ty));
            Some((ty, quote!(#expr.unwrap_or_default().into_iter().collect())))
        }
        _ => None,
    }
}
