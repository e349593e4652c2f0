//! One flat error enum per operation: its modeled errors plus `Unhandled`.

use super::{docs, ident, named};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn operation_error(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let doc = docs(Some(&format!(
        "Every way [`{}`](crate::client::Client::{}) can fail.",
        op.name,
        op.snake_name.trim_start_matches("r#")
    )));
    let errors: Vec<_> = op
        .errors
        .iter()
        .filter_map(|id| service.shape(id))
        .collect();
    let variants = errors.iter().map(|shape| {
        let variant = ident(&shape.rust_name);
        let ty = named(service, &shape.id);
        let doc = docs(Some(&format!(
            "A [`{}`]({ty}).",
            shape.id.name,
            ty = ty.to_string().replace(' ', "")
        )));
        quote!(#doc #variant(#ty),)
    });
    let checks = errors.iter().map(|shape| {
        let variant = ident(&shape.rust_name);
        let check = format_ident!("is_{}", shape.snake_name.trim_start_matches("r#"));
        let doc = format!(" Whether this is a `{}`.", shape.id.name);
        quote! {
            #[doc = #doc]
            pub fn #check(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
    let arms = errors.iter().map(|shape| {
        let variant = ident(&shape.rust_name);
        quote!(Self::#variant(error) => error,)
    });
    let froms = errors.iter().map(|shape| {
        let variant = ident(&shape.rust_name);
        let ty = named(service, &shape.id);
        quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(error: #ty) -> Self {
                    Self::#variant(error)
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// Anything the model does not describe: an unmodeled error response,
            /// a transport failure, a timeout, or a response that could not be read.
            Unhandled(crate::rt::error::Unhandled),
        }

        impl #name {
            #(#checks)*

            /// The error inside, whichever variant holds it.
            pub fn as_error_shape(&self) -> &dyn crate::rt::error::ErrorShape {
                match self {
                    #(#arms)*
                    Self::Unhandled(error) => error,
                }
            }

            /// The error code: the modeled error's name, or what the response said.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.as_error_shape().error_code()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.as_error_shape().as_error(), f)
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::std::option::Option::Some(self.as_error_shape().as_error())
            }
        }

        impl ::std::convert::From<crate::rt::error::Unhandled> for #name {
            fn from(error: crate::rt::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }

        #(#froms)*
    }
}
