//! Lowers the resolved shape table of each service into the IR.

use super::resolve::{self, Table};
use super::{
    http, paginate, Binding, Constraints, Default, Enum, EnumVariant, Error, ErrorInfo, Fault,
    IntEnum, IntEnumVariant, Item, Member, Operation, PayloadKind, Protocol, Service, Shape,
    ShapeId, ShapeKind, Structure, TimestampFormat, Type, Union,
};
use crate::model::{self, Model, Traits};
use crate::names::{ident, words, Case};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Builds the IR of every service in the model, in shape-ID order.
pub fn build(model: &Model) -> Result<Vec<Service>, Error> {
    let table = resolve::resolve(model)?;
    let services: Vec<ShapeId> = table
        .iter()
        .filter(|(_, s)| matches!(s, model::Shape::Service(_)))
        .map(|(id, _)| id.clone())
        .collect();
    if services.is_empty() {
        return Err(Error::new("", "the model defines no service shape"));
    }
    services
        .iter()
        .map(|id| Builder::new(&table, id).and_then(Builder::service))
        .collect()
}

/// Where a value sits in a message; decides default timestamp formats.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Body,
    Header,
    Query,
}

struct Builder<'a> {
    table: &'a Table,
    service_id: ShapeId,
    service: &'a model::Service,
    /// Synthesised empty structures for operations without input or output.
    synthetic: BTreeMap<ShapeId, model::Shape>,
    /// Operation inputs: their defaulted members stay optional for clients.
    inputs: BTreeSet<ShapeId>,
}

const UNIT: &str = "smithy.api#Unit";

impl<'a> Builder<'a> {
    fn new(table: &'a Table, id: &ShapeId) -> Result<Builder<'a>, Error> {
        let Some(model::Shape::Service(service)) = table.get(id) else {
            return Err(Error::new(id, "not a service"));
        };
        Ok(Builder {
            table,
            service_id: id.clone(),
            service,
            synthetic: BTreeMap::new(),
            inputs: BTreeSet::new(),
        })
    }

    fn shape(&self, id: &ShapeId) -> Result<&model::Shape, Error> {
        self.synthetic
            .get(id)
            .or_else(|| self.table.get(id))
            .ok_or_else(|| Error::new(id, "shape does not exist"))
    }

    fn service(mut self) -> Result<Service, Error> {
        let id = self.service_id.clone();
        let traits = &self.service.traits;
        let aws = traits.get("aws.api#service");
        let sdk_id = aws
            .and_then(|v| v.get("sdkId"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| id.name.clone());
        let endpoint_prefix = aws
            .and_then(|v| v.get("endpointPrefix"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| words(&sdk_id).join("-"));
        let signing_name = traits
            .get("aws.auth#sigv4")
            .map(|v| {
                v.get("name")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| Error::new(&id, "aws.auth#sigv4 needs a string `name`"))
            })
            .transpose()?;
        let protocol = if traits.contains_key("aws.protocols#restJson1") {
            Protocol::RestJson1
        } else {
            Protocol::Other
        };
        let crate_name = words(&sdk_id).join("-");
        if crate_name.is_empty() {
            return Err(Error::new(
                &id,
                format!("sdkId {sdk_id:?} gives no crate name"),
            ));
        }

        let op_ids = self.operation_ids()?;
        let service_paging = paginate::settings(&id, traits)?;
        let mut operations = Vec::new();
        let mut skipped = Vec::new();
        for op_id in op_ids {
            match self.operation(&op_id, protocol, service_paging.as_ref())? {
                Ok(op) => operations.push(op),
                Err(reason) => skipped.push((op_id, reason)),
            }
        }
        operations.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));

        self.inputs = operations.iter().map(|o| o.input.clone()).collect();
        let mut roots: Vec<ShapeId> = Vec::new();
        for op in &operations {
            roots.push(op.input.clone());
            roots.push(op.output.clone());
            roots.extend(op.errors.iter().cloned());
        }
        let mut shapes = self.lower_closure(&roots, &operations)?;
        box_recursion(&mut shapes);
        self.check_names(&shapes, &operations)?;

        Ok(Service {
            rust_name: ident(&id.name, Case::Pascal),
            id,
            crate_name,
            version: self.service.version.clone(),
            title: string_trait(traits, "smithy.api#title"),
            docs: docs(traits),
            sdk_id,
            endpoint_prefix,
            signing_name,
            protocol,
            shapes,
            operations,
            skipped,
        })
    }

    /// Operations bound to the service directly and through resources.
    fn operation_ids(&self) -> Result<Vec<ShapeId>, Error> {
        let mut out = BTreeSet::new();
        let mut pending: Vec<ShapeId> = Vec::new();
        for r in &self.service.operations {
            out.insert(self.expect_kind(&r.target, "operation")?);
        }
        for r in &self.service.resources {
            pending.push(self.expect_kind(&r.target, "resource")?);
        }
        let mut seen = BTreeSet::new();
        while let Some(resource_id) = pending.pop() {
            if !seen.insert(resource_id.clone()) {
                continue;
            }
            let Ok(model::Shape::Resource(resource)) = self.shape(&resource_id) else {
                continue;
            };
            let lifecycle = [
                &resource.create,
                &resource.put,
                &resource.read,
                &resource.update,
                &resource.delete,
                &resource.list,
            ];
            for r in lifecycle
                .into_iter()
                .flatten()
                .chain(&resource.operations)
                .chain(&resource.collection_operations)
            {
                out.insert(self.expect_kind(&r.target, "operation")?);
            }
            for r in &resource.resources {
                pending.push(self.expect_kind(&r.target, "resource")?);
            }
        }
        Ok(out.into_iter().collect())
    }

    fn expect_kind(&self, target: &str, kind: &str) -> Result<ShapeId, Error> {
        let id = ShapeId::parse(target)?;
        let ok = matches!(
            (self.shape(&id)?, kind),
            (model::Shape::Operation(_), "operation") | (model::Shape::Resource(_), "resource")
        );
        if ok {
            Ok(id)
        } else {
            Err(Error::new(
                &self.service_id,
                format!("{id} is bound as a {kind} but is not one"),
            ))
        }
    }

    /// Lowers one operation; `Ok(Err(reason))` means it is left out on purpose.
    fn operation(
        &mut self,
        id: &ShapeId,
        protocol: Protocol,
        service_paging: Option<&paginate::Settings>,
    ) -> Result<Result<Operation, String>, Error> {
        let model::Shape::Operation(op) = self.shape(id)?.clone() else {
            return Err(Error::new(id, "not an operation"));
        };
        let input = self.io_shape(id, op.input.as_ref(), "Input")?;
        let output = self.io_shape(id, op.output.as_ref(), "Output")?;
        for io in [&input, &output] {
            if let Some(reason) = self.streaming_reason(io)? {
                return Ok(Err(reason));
            }
        }
        let http = match op.traits.get("smithy.api#http") {
            Some(value) => http::http_trait(id, value)?,
            None if protocol == Protocol::RestJson1 => {
                return Err(Error::new(id, "restJson1 operations need an @http trait"))
            }
            None => return Ok(Err("no @http trait".into())),
        };
        let mut errors = Vec::new();
        for r in op.errors.iter().chain(&self.service.errors) {
            let error_id = ShapeId::parse(&r.target)?;
            match self.shape(&error_id)? {
                model::Shape::Structure(s) if s.traits.contains_key("smithy.api#error") => {}
                _ => {
                    return Err(Error::new(
                        id,
                        format!("error {error_id} is not a structure with @error"),
                    ))
                }
            }
            if !errors.contains(&error_id) {
                errors.push(error_id);
            }
        }
        let pagination = match paginate::settings(id, &op.traits)? {
            None => None,
            Some(own) => {
                let lookup = |shape: &ShapeId| self.shape(shape).ok().cloned();
                Some(paginate::merge(
                    id,
                    service_paging,
                    &own,
                    &input,
                    &output,
                    &lookup,
                )?)
            }
        };
        self.check_labels(id, &http, &input)?;
        let validation_error = errors
            .iter()
            .find(|e| e.namespace == "smithy.framework" && e.name == "ValidationException")
            .or_else(|| {
                errors.iter().find(|e| {
                    let client = self
                        .shape(e)
                        .ok()
                        .and_then(|s| resolve::traits(s).get("smithy.api#error"))
                        .and_then(Value::as_str)
                        == Some("client");
                    client
                        && (e.name == "BadRequestException"
                            || e.name.ends_with("ValidationException"))
                })
            })
            .cloned();
        let name = self.rename(id);
        Ok(Ok(Operation {
            snake_name: ident(&name, Case::Snake),
            rust_name: ident(&name, Case::Pascal),
            error_name: format!("{}Error", ident(&name, Case::Pascal)),
            name,
            id: id.clone(),
            docs: docs(&op.traits),
            deprecated: op.traits.contains_key("smithy.api#deprecated"),
            http,
            unit_input: op.input.as_ref().map_or(UNIT, |r| r.target.as_str()) == UNIT,
            unit_output: op.output.as_ref().map_or(UNIT, |r| r.target.as_str()) == UNIT,
            input,
            output,
            errors,
            pagination,
            idempotent: op.traits.contains_key("smithy.api#idempotent"),
            readonly: op.traits.contains_key("smithy.api#readonly"),
            validation_error,
        }))
    }

    /// The operation's input or output structure, synthesising an empty one for `Unit`.
    fn io_shape(
        &mut self,
        op: &ShapeId,
        reference: Option<&model::Reference>,
        suffix: &str,
    ) -> Result<ShapeId, Error> {
        let target = reference.map_or(UNIT, |r| r.target.as_str());
        if target != UNIT {
            let id = ShapeId::parse(target)?;
            return match self.shape(&id)? {
                model::Shape::Structure(_) => Ok(id),
                _ => Err(Error::new(
                    op,
                    format!("{} {id} is not a structure", suffix.to_lowercase()),
                )),
            };
        }
        let name = format!("{}{suffix}", self.rename(op));
        let id = ShapeId {
            namespace: op.namespace.clone(),
            name,
            member: None,
        };
        if self.table.contains_key(&id) {
            return Err(Error::new(
                op,
                format!("cannot synthesise an empty {suffix} structure: {id} already exists"),
            ));
        }
        let mut traits = Traits::new();
        traits.insert(
            format!("smithy.api#{}", suffix.to_lowercase()),
            Value::Object(serde_json::Map::new()),
        );
        self.synthetic.insert(
            id.clone(),
            model::Shape::Structure(model::Aggregate {
                traits,
                ..model::Aggregate::default()
            }),
        );
        Ok(id)
    }

    /// Event streams are not supported; say so instead of emitting something wrong.
    fn streaming_reason(&self, io: &ShapeId) -> Result<Option<String>, Error> {
        let Some(agg) = resolve::aggregate(self.shape(io)?) else {
            return Ok(None);
        };
        for (name, member) in &agg.members {
            let target = self.shape(&ShapeId::parse(&member.target)?)?;
            if matches!(target, model::Shape::Union(_))
                && resolve::traits(target).contains_key("smithy.api#streaming")
            {
                return Ok(Some(format!(
                    "member {name} is an event stream, which is not supported"
                )));
            }
        }
        Ok(None)
    }

    fn check_labels(
        &self,
        op: &ShapeId,
        http: &super::HttpTrait,
        input: &ShapeId,
    ) -> Result<(), Error> {
        let agg = resolve::aggregate(self.shape(input)?)
            .cloned()
            .unwrap_or_default();
        for segment in &http.path {
            if let super::PathSegment::Label { member, .. } = segment {
                let Some(m) = agg.members.get(member) else {
                    return Err(Error::new(
                        op,
                        format!("URI label {{{member}}} has no input member"),
                    ));
                };
                if !m.traits.contains_key("smithy.api#httpLabel") {
                    return Err(Error::new(
                        input.with_member(member),
                        "bound in the URI but lacks @httpLabel",
                    ));
                }
                if !m.traits.contains_key("smithy.api#required") {
                    return Err(Error::new(
                        input.with_member(member),
                        "an @httpLabel member must be @required",
                    ));
                }
            }
        }
        for (name, m) in &agg.members {
            let in_uri = http
                .path
                .iter()
                .any(|s| matches!(s, super::PathSegment::Label { member, .. } if member == name));
            if m.traits.contains_key("smithy.api#httpLabel") && !in_uri {
                return Err(Error::new(
                    input.with_member(name),
                    format!("@httpLabel but the URI {} has no such label", http.uri),
                ));
            }
        }
        Ok(())
    }

    fn rename(&self, id: &ShapeId) -> String {
        self.service
            .rename
            .get(&id.to_string())
            .cloned()
            .unwrap_or_else(|| id.name.clone())
    }

    /// Walks from the operations to every named shape they reach and lowers each.
    fn lower_closure(
        &self,
        roots: &[ShapeId],
        operations: &[Operation],
    ) -> Result<BTreeMap<ShapeId, Shape>, Error> {
        let top_level: BTreeSet<&ShapeId> = roots.iter().collect();
        let mut nested: BTreeSet<ShapeId> = BTreeSet::new();
        let mut pending: Vec<ShapeId> = roots.to_vec();
        let mut seen = BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            for (_, target) in resolve::references(self.shape(&id)?) {
                let target = ShapeId::parse(&target)?;
                if matches!(
                    self.shape(&target)?,
                    model::Shape::Structure(_) | model::Shape::Union(_)
                ) {
                    nested.insert(target.clone());
                }
                pending.push(target);
            }
        }
        let errors: BTreeSet<&ShapeId> = operations.iter().flat_map(|o| &o.errors).collect();
        let requests: BTreeSet<&ShapeId> = operations.iter().map(|o| &o.input).collect();
        let mut out = BTreeMap::new();
        for id in seen {
            if id.to_string() == UNIT {
                continue;
            }
            let shape = self.shape(&id)?;
            let traits = resolve::traits(shape);
            let binds = top_level.contains(&id);
            let kind = match shape {
                model::Shape::Structure(agg) => {
                    let mut members = Vec::new();
                    for (name, member) in &agg.members {
                        if binds && !requests.contains(&id) {
                            // Outputs and errors ignore bindings that only a request has.
                            let mut member = member.clone();
                            for key in [
                                "smithy.api#httpLabel",
                                "smithy.api#httpQuery",
                                "smithy.api#httpQueryParams",
                            ] {
                                member.traits.remove(key);
                            }
                            members.push(self.member(&id, name, &member, binds, Location::Body)?);
                        } else {
                            members.push(self.member(&id, name, member, binds, Location::Body)?);
                        }
                    }
                    let has_http_bindings = members.iter().any(|m| m.binding != Binding::Body);
                    self.check_bindings(&id, &members)?;
                    let error = if errors.contains(&id) || traits.contains_key("smithy.api#error") {
                        Some(error_info(&id, traits)?)
                    } else {
                        None
                    };
                    ShapeKind::Structure(Structure {
                        fallible_builder: members
                            .iter()
                            .any(|m| !m.optional && m.default.is_none()),
                        json_impl: !has_http_bindings || nested.contains(&id),
                        has_http_bindings,
                        members,
                        error,
                    })
                }
                model::Shape::Union(agg) => {
                    if agg.members.is_empty() {
                        return Err(Error::new(&id, "a union needs at least one member"));
                    }
                    let mut members = Vec::new();
                    for (name, member) in &agg.members {
                        let mut m = self.member(&id, name, member, false, Location::Body)?;
                        m.rust_name = ident(name, Case::Pascal);
                        m.optional = false;
                        members.push(m);
                    }
                    ShapeKind::Union(Union { members })
                }
                model::Shape::Enum(agg) => ShapeKind::Enum(enum_shape(&id, agg)?),
                model::Shape::String(s) if s.traits.contains_key("smithy.api#enum") => {
                    ShapeKind::Enum(legacy_enum(&id, &s.traits)?)
                }
                model::Shape::IntEnum(agg) => ShapeKind::IntEnum(int_enum(&id, agg)?),
                _ => continue,
            };
            let rename = self.rename(&id);
            out.insert(
                id.clone(),
                Shape {
                    rust_name: ident(&rename, Case::Pascal),
                    snake_name: ident(&rename, Case::Snake),
                    docs: docs(traits),
                    deprecated: traits.contains_key("smithy.api#deprecated"),
                    kind,
                    id,
                },
            );
        }
        Ok(out)
    }

    fn member(
        &self,
        owner: &ShapeId,
        name: &str,
        member: &model::Member,
        binds: bool,
        location: Location,
    ) -> Result<Member, Error> {
        let member_id = owner.with_member(name);
        let target_id = ShapeId::parse(&member.target)?;
        let target = self.shape(&target_id)?;
        let target_traits = resolve::traits(target);
        let mut binding = if binds {
            http::binding(&member_id, &member.traits)?
        } else {
            Binding::Body
        };
        let location = match &binding {
            Binding::Header(_) | Binding::PrefixHeaders(_) => Location::Header,
            Binding::Label { .. } | Binding::Query(_) | Binding::QueryParams => Location::Query,
            _ => location,
        };
        let ty = self.type_of(&member_id, &target_id, &member.traits, location)?;
        if ty == Type::Unit && !matches!(self.shape(owner)?, model::Shape::Union(_)) {
            return Err(Error::new(
                &member_id,
                "only union members may target smithy.api#Unit",
            ));
        }
        if let Binding::Payload(kind) = &mut binding {
            *kind = match (&ty, target) {
                (Type::Blob, _) => PayloadKind::Blob,
                (Type::String, _) => PayloadKind::Text,
                (Type::Named { .. }, model::Shape::String(_) | model::Shape::Enum(_)) => {
                    PayloadKind::Text
                }
                (Type::Named { .. } | Type::Document, _) => PayloadKind::Json,
                _ => return Err(Error::new(
                    &member_id,
                    "@httpPayload must target a blob, string, enum, structure, union or document",
                )),
            };
        }
        self.check_binding_target(&member_id, &binding, &ty)?;
        let required = member.traits.contains_key("smithy.api#required");
        let default = self.default_value(&member_id, &member.traits, target, &ty)?;
        let idempotency_token = member.traits.contains_key("smithy.api#idempotencyToken");
        let client_optional = member.traits.contains_key("smithy.api#clientOptional");
        // A client must be able to leave a defaulted input member unset, so the
        // server (which fills the default) can tell it from an explicit value.
        let optional = idempotency_token
            || client_optional
            || (default.is_some() && self.inputs.contains(owner))
            || (default.is_none() && !required);
        let json_name = match member.traits.get("smithy.api#jsonName") {
            None => name.to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(Error::new(&member_id, "@jsonName must be a string")),
        };
        let media_type = string_trait(target_traits, "smithy.api#mediaType");
        Ok(Member {
            name: name.to_owned(),
            rust_name: ident(name, Case::Snake),
            docs: docs(&member.traits)
                .or_else(|| docs(target_traits).filter(|_| self.is_named(target))),
            sensitive: self.is_sensitive(&member.traits, &target_id)?,
            constraints: constraints(&member_id, &member.traits, target_traits, target)?,
            ty,
            optional,
            required,
            default,
            idempotency_token,
            binding,
            json_name,
            media_type,
            deprecated: member.traits.contains_key("smithy.api#deprecated"),
        })
    }

    fn is_named(&self, shape: &model::Shape) -> bool {
        matches!(
            shape,
            model::Shape::Structure(_)
                | model::Shape::Union(_)
                | model::Shape::Enum(_)
                | model::Shape::IntEnum(_)
        ) || matches!(shape, model::Shape::String(s) if s.traits.contains_key("smithy.api#enum"))
    }

    fn type_of(
        &self,
        owner: &ShapeId,
        target_id: &ShapeId,
        member_traits: &Traits,
        location: Location,
    ) -> Result<Type, Error> {
        let target = self.shape(target_id)?;
        let target_traits = resolve::traits(target);
        Ok(match target {
            model::Shape::String(s) if s.traits.contains_key("smithy.api#enum") => Type::Named {
                id: target_id.clone(),
                boxed: false,
            },
            model::Shape::String(_) => Type::String,
            model::Shape::Boolean(_) => Type::Boolean,
            model::Shape::Byte(_) => Type::Byte,
            model::Shape::Short(_) => Type::Short,
            model::Shape::Integer(_) => Type::Integer,
            model::Shape::Long(_) => Type::Long,
            model::Shape::Float(_) => Type::Float,
            model::Shape::Double(_) => Type::Double,
            model::Shape::BigInteger(_) => Type::BigInteger,
            model::Shape::BigDecimal(_) => Type::BigDecimal,
            model::Shape::Blob(_) => Type::Blob,
            model::Shape::Document(_) => Type::Document,
            model::Shape::Timestamp(_) => {
                let format = member_traits
                    .get("smithy.api#timestampFormat")
                    .or_else(|| target_traits.get("smithy.api#timestampFormat"));
                Type::Timestamp(match format {
                    None => match location {
                        Location::Body => TimestampFormat::EpochSeconds,
                        Location::Header => TimestampFormat::HttpDate,
                        Location::Query => TimestampFormat::DateTime,
                    },
                    Some(Value::String(f)) if f == "epoch-seconds" => TimestampFormat::EpochSeconds,
                    Some(Value::String(f)) if f == "date-time" => TimestampFormat::DateTime,
                    Some(Value::String(f)) if f == "http-date" => TimestampFormat::HttpDate,
                    Some(other) => {
                        return Err(Error::new(
                            owner,
                            format!("unknown @timestampFormat {other}"),
                        ))
                    }
                })
            }
            model::Shape::Structure(_) if target_id.to_string() == UNIT => Type::Unit,
            model::Shape::Structure(_)
            | model::Shape::Union(_)
            | model::Shape::Enum(_)
            | model::Shape::IntEnum(_) => Type::Named {
                id: target_id.clone(),
                boxed: false,
            },
            model::Shape::List(c) | model::Shape::Set(c) => {
                let item_id = ShapeId::parse(&c.member.target)?;
                let item_owner = target_id.with_member("member");
                let item_target = self.shape(&item_id)?;
                Type::List {
                    item: Box::new(Item {
                        ty: self.type_of(&item_owner, &item_id, &c.member.traits, location)?,
                        constraints: constraints(
                            &item_owner,
                            &c.member.traits,
                            resolve::traits(item_target),
                            item_target,
                        )?,
                    }),
                    sparse: c.traits.contains_key("smithy.api#sparse"),
                }
            }
            model::Shape::Map(m) => {
                let key_id = ShapeId::parse(&m.key.target)?;
                let key_target = self.shape(&key_id)?;
                if !matches!(key_target, model::Shape::String(_) | model::Shape::Enum(_)) {
                    return Err(Error::new(
                        target_id.with_member("key"),
                        "map keys must target a string or enum",
                    ));
                }
                let value_id = ShapeId::parse(&m.value.target)?;
                let value_owner = target_id.with_member("value");
                let value_target = self.shape(&value_id)?;
                Type::Map {
                    key_constraints: Box::new(constraints(
                        &target_id.with_member("key"),
                        &m.key.traits,
                        resolve::traits(key_target),
                        key_target,
                    )?),
                    value: Box::new(Item {
                        ty: self.type_of(&value_owner, &value_id, &m.value.traits, location)?,
                        constraints: constraints(
                            &value_owner,
                            &m.value.traits,
                            resolve::traits(value_target),
                            value_target,
                        )?,
                    }),
                    sparse: m.traits.contains_key("smithy.api#sparse"),
                }
            }
            model::Shape::Operation(_)
            | model::Shape::Service(_)
            | model::Shape::Resource(_)
            | model::Shape::Apply(_) => {
                return Err(Error::new(
                    owner,
                    format!("targets {target_id}, which is not a data shape"),
                ))
            }
        })
    }

    /// A member is redacted when it, its target, or any element type is `@sensitive`.
    fn is_sensitive(&self, member_traits: &Traits, target: &ShapeId) -> Result<bool, Error> {
        if member_traits.contains_key("smithy.api#sensitive") {
            return Ok(true);
        }
        let mut pending = vec![target.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let shape = self.shape(&id)?;
            if resolve::traits(shape).contains_key("smithy.api#sensitive") {
                return Ok(true);
            }
            match shape {
                model::Shape::List(c) | model::Shape::Set(c) => {
                    if c.member.traits.contains_key("smithy.api#sensitive") {
                        return Ok(true);
                    }
                    pending.push(ShapeId::parse(&c.member.target)?);
                }
                model::Shape::Map(m) => {
                    if m.value.traits.contains_key("smithy.api#sensitive")
                        || m.key.traits.contains_key("smithy.api#sensitive")
                    {
                        return Ok(true);
                    }
                    pending.push(ShapeId::parse(&m.key.target)?);
                    pending.push(ShapeId::parse(&m.value.target)?);
                }
                _ => {}
            }
        }
        Ok(false)
    }

    fn default_value(
        &self,
        member: &ShapeId,
        member_traits: &Traits,
        target: &model::Shape,
        ty: &Type,
    ) -> Result<Option<Default>, Error> {
        let value = match member_traits.get("smithy.api#default") {
            Some(v) => v,
            None if member_traits.contains_key("smithy.api#box") => return Ok(None),
            None => match resolve::traits(target).get("smithy.api#default") {
                Some(v)
                    if matches!(
                        ty,
                        Type::Boolean
                            | Type::Byte
                            | Type::Short
                            | Type::Integer
                            | Type::Long
                            | Type::Float
                            | Type::Double
                    ) =>
                {
                    v
                }
                _ => return Ok(None),
            },
        };
        let bad = || {
            Error::new(
                member,
                format!("@default {value} does not fit the target type"),
            )
        };
        if value.is_null() {
            return Ok(None);
        }
        Ok(Some(match ty {
            Type::Boolean => Default::Bool(value.as_bool().ok_or_else(bad)?),
            Type::Byte | Type::Short | Type::Integer | Type::Long | Type::BigInteger => {
                Default::Int(value.as_i64().ok_or_else(bad)?)
            }
            Type::Float | Type::Double | Type::BigDecimal => {
                Default::Float(value.as_f64().ok_or_else(bad)?)
            }
            Type::String => Default::String(value.as_str().ok_or_else(bad)?.to_owned()),
            Type::Timestamp(_) => Default::Timestamp(match value {
                Value::Number(n) => n.as_f64().ok_or_else(bad)?,
                _ => return Err(bad()),
            }),
            Type::Blob => {
                let text = value.as_str().ok_or_else(bad)?;
                Default::Blob(base64_decode(text).ok_or_else(bad)?)
            }
            Type::Document => Default::Document(value.clone()),
            Type::List { .. } if value.as_array().is_some_and(Vec::is_empty) => Default::EmptyList,
            Type::Map { .. } if value.as_object().is_some_and(serde_json::Map::is_empty) => {
                Default::EmptyMap
            }
            Type::Named { id, .. } => match self.shape(id)? {
                model::Shape::Enum(agg) => {
                    let wire = value.as_str().ok_or_else(bad)?;
                    let variants = enum_shape(id, agg)?.variants;
                    let variant = variants.iter().find(|v| v.value == wire).ok_or_else(bad)?;
                    Default::EnumVariant(variant.rust_name.clone())
                }
                model::Shape::String(s) => {
                    let wire = value.as_str().ok_or_else(bad)?;
                    let variants = legacy_enum(id, &s.traits)?.variants;
                    let variant = variants.iter().find(|v| v.value == wire).ok_or_else(bad)?;
                    Default::EnumVariant(variant.rust_name.clone())
                }
                model::Shape::IntEnum(agg) => {
                    let wire = value.as_i64().ok_or_else(bad)?;
                    let variants = int_enum(id, agg)?.variants;
                    let variant = variants
                        .iter()
                        .find(|v| i64::from(v.value) == wire)
                        .ok_or_else(bad)?;
                    Default::IntEnumVariant(variant.rust_name.clone())
                }
                _ => {
                    return Err(Error::new(
                        member,
                        "@default is only allowed on simple, enum, list and map targets",
                    ))
                }
            },
            _ => return Err(bad()),
        }))
    }

    fn check_binding_target(
        &self,
        member: &ShapeId,
        binding: &Binding,
        ty: &Type,
    ) -> Result<(), Error> {
        let scalar = |t: &Type| match t {
            Type::Named { id, .. } => matches!(
                self.shape(id),
                Ok(model::Shape::Enum(_) | model::Shape::IntEnum(_) | model::Shape::String(_))
            ),
            Type::Document | Type::Unit | Type::List { .. } | Type::Map { .. } => false,
            _ => true,
        };
        let ok = match binding {
            Binding::Body | Binding::Payload(_) => true,
            Binding::Label { .. } => scalar(ty),
            Binding::Query(_) | Binding::Header(_) => match ty {
                Type::List { item, .. } => scalar(&item.ty),
                other => scalar(other),
            },
            Binding::QueryParams => match ty {
                Type::Map { value, .. } => match &value.ty {
                    Type::List { item, .. } => scalar(&item.ty),
                    other => scalar(other),
                },
                _ => false,
            },
            Binding::PrefixHeaders(_) => matches!(ty, Type::Map { value, .. } if scalar(&value.ty)),
            Binding::ResponseCode => ty == &Type::Integer,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::new(
                member,
                format!(
                    "{binding:?} cannot bind a member of type {}",
                    type_label(ty)
                ),
            ))
        }
    }

    fn check_bindings(&self, id: &ShapeId, members: &[Member]) -> Result<(), Error> {
        let payloads = members
            .iter()
            .filter(|m| matches!(m.binding, Binding::Payload(_)))
            .count();
        let body = members
            .iter()
            .filter(|m| m.binding == Binding::Body)
            .count();
        if payloads > 1 {
            return Err(Error::new(id, "at most one member may be @httpPayload"));
        }
        if payloads == 1 && body > 0 {
            return Err(Error::new(
                id,
                "with @httpPayload, every other member must be bound to the URI, query or headers",
            ));
        }
        let mut headers = BTreeSet::new();
        for m in members {
            if let Binding::Header(name) = &m.binding {
                if !headers.insert(name.to_ascii_lowercase()) {
                    return Err(Error::new(
                        id.with_member(&m.name),
                        format!("header {name} is bound twice"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Rust names must be unique where they share a namespace.
    fn check_names(
        &self,
        shapes: &BTreeMap<ShapeId, Shape>,
        operations: &[Operation],
    ) -> Result<(), Error> {
        let mut types: BTreeMap<String, ShapeId> = BTreeMap::new();
        let mut claim = |name: String, id: &ShapeId| -> Result<(), Error> {
            if let Some(other) = types.insert(name.clone(), id.clone()) {
                if &other != id {
                    return Err(Error::new(id, format!("Rust name `{name}` is also used by {other}; add a `rename` to the service")));
                }
            }
            Ok(())
        };
        for shape in shapes.values() {
            claim(shape.rust_name.clone(), &shape.id)?;
            if let ShapeKind::Structure(_) = shape.kind {
                claim(format!("{}Builder", shape.rust_name), &shape.id)?;
            }
        }
        // Call builders share the `client` module with these items.
        const CLIENT_ITEMS: &[&str] = &[
            "Client",
            "Config",
            "ConfigBuilder",
            "ConfigError",
            "Credentials",
            "ResponseMeta",
            "SdkError",
            "SERVICE",
        ];
        let mut ops: BTreeMap<String, &ShapeId> = BTreeMap::new();
        for op in operations {
            if CLIENT_ITEMS.contains(&op.rust_name.as_str()) {
                return Err(Error::new(
                    &op.id,
                    format!(
                        "operation name `{}` collides with the client's own `{}`",
                        op.rust_name, op.rust_name
                    ),
                ));
            }
            if let Some(other) = ops.insert(op.snake_name.clone(), &op.id) {
                return Err(Error::new(
                    &op.id,
                    format!("method name `{}` is also used by {other}", op.snake_name),
                ));
            }
        }
        let mut errors: BTreeMap<&str, &ShapeId> = BTreeMap::new();
        for op in operations {
            if let Some(other) = errors.insert(&op.error_name, &op.id) {
                return Err(Error::new(
                    &op.id,
                    format!("error enum `{}` is also used by {other}", op.error_name),
                ));
            }
        }
        for shape in shapes.values() {
            let members: &[Member] = match &shape.kind {
                ShapeKind::Structure(s) => &s.members,
                ShapeKind::Union(u) => &u.members,
                _ => &[],
            };
            let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
            for m in members {
                if let Some(other) = seen.insert(&m.rust_name, &m.name) {
                    return Err(Error::new(
                        shape.id.with_member(&m.name),
                        format!("Rust name `{}` collides with member {other}", m.rust_name),
                    ));
                }
                if matches!(shape.kind, ShapeKind::Structure(_))
                    && matches!(m.rust_name.as_str(), "build" | "builder")
                {
                    return Err(Error::new(
                        shape.id.with_member(&m.name),
                        format!(
                            "member name `{}` collides with a builder method",
                            m.rust_name
                        ),
                    ));
                }
            }
            if matches!(shape.kind, ShapeKind::Union(_)) && seen.contains_key("Unknown") {
                return Err(Error::new(
                    &shape.id,
                    "a union member named `Unknown` collides with the forward-compatible variant",
                ));
            }
        }
        Ok(())
    }
}

fn type_label(ty: &Type) -> &'static str {
    match ty {
        Type::List { .. } => "list",
        Type::Map { .. } => "map",
        Type::Document => "document",
        Type::Named { .. } => "structure or union",
        Type::Unit => "unit",
        _ => "scalar",
    }
}

fn error_info(id: &ShapeId, traits: &Traits) -> Result<ErrorInfo, Error> {
    let fault = match traits.get("smithy.api#error").and_then(Value::as_str) {
        Some("client") => Fault::Client,
        Some("server") => Fault::Server,
        _ => return Err(Error::new(id, "@error must be \"client\" or \"server\"")),
    };
    let http_status = match traits.get("smithy.api#httpError") {
        None => match fault {
            Fault::Client => 400,
            Fault::Server => 500,
        },
        Some(v) => v
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .and_then(|c| u16::try_from(c).ok())
            .ok_or_else(|| Error::new(id, format!("@httpError {v} is not a status code")))?,
    };
    let retryable = traits.get("smithy.api#retryable");
    Ok(ErrorInfo {
        fault,
        http_status,
        code: id.name.clone(),
        retryable: retryable.is_some(),
        throttling: retryable
            .and_then(|r| r.get("throttling"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

fn enum_shape(id: &ShapeId, agg: &model::Aggregate) -> Result<Enum, Error> {
    let mut variants = Vec::new();
    for (name, member) in &agg.members {
        let value = match member.traits.get("smithy.api#enumValue") {
            None => name.clone(),
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(_) => {
                return Err(Error::new(
                    id.with_member(name),
                    "@enumValue of an enum must be a non-empty string",
                ))
            }
        };
        variants.push(EnumVariant {
            rust_name: ident(name, Case::Pascal),
            value,
            docs: docs(&member.traits),
            internal: member.traits.contains_key("smithy.api#internal"),
        });
    }
    finish_enum(id, variants)
}

fn legacy_enum(id: &ShapeId, traits: &Traits) -> Result<Enum, Error> {
    let Some(Value::Array(entries)) = traits.get("smithy.api#enum") else {
        return Err(Error::new(id, "@enum must be a list of definitions"));
    };
    let mut variants = Vec::new();
    for entry in entries {
        let value = entry
            .get("value")
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::new(id, "every @enum definition needs a non-empty `value`"))?;
        let name = entry.get("name").and_then(Value::as_str).unwrap_or(value);
        variants.push(EnumVariant {
            rust_name: ident(name, Case::Pascal),
            value: value.to_owned(),
            docs: entry
                .get("documentation")
                .and_then(Value::as_str)
                .map(str::to_owned),
            internal: entry
                .get("tags")
                .and_then(Value::as_array)
                .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some("internal"))),
        });
    }
    finish_enum(id, variants)
}

fn finish_enum(id: &ShapeId, variants: Vec<EnumVariant>) -> Result<Enum, Error> {
    if variants.is_empty() {
        return Err(Error::new(id, "an enum needs at least one value"));
    }
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    for v in &variants {
        if v.rust_name == "Unknown" {
            return Err(Error::new(
                id,
                "an enum value named `Unknown` collides with the forward-compatible variant",
            ));
        }
        if !names.insert(&v.rust_name) {
            return Err(Error::new(
                id,
                format!("two values map to the Rust variant `{}`", v.rust_name),
            ));
        }
        if !values.insert(&v.value) {
            return Err(Error::new(
                id,
                format!("the value {:?} appears twice", v.value),
            ));
        }
    }
    Ok(Enum { variants })
}

fn int_enum(id: &ShapeId, agg: &model::Aggregate) -> Result<IntEnum, Error> {
    let mut variants = Vec::new();
    let mut names = BTreeSet::new();
    for (name, member) in &agg.members {
        let value = member
            .traits
            .get("smithy.api#enumValue")
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| {
                Error::new(
                    id.with_member(name),
                    "@enumValue of an intEnum must be a 32-bit integer",
                )
            })?;
        let rust_name = ident(name, Case::Pascal);
        if rust_name == "Unknown" || !names.insert(rust_name.clone()) {
            return Err(Error::new(
                id.with_member(name),
                format!("Rust variant `{rust_name}` collides"),
            ));
        }
        variants.push(IntEnumVariant {
            rust_name,
            value,
            docs: docs(&member.traits),
        });
    }
    if variants.is_empty() {
        return Err(Error::new(id, "an intEnum needs at least one value"));
    }
    Ok(IntEnum { variants })
}

/// Optional lower and upper bounds of `@length` or `@range`.
type Bounds = (Option<f64>, Option<f64>);

fn constraints(
    owner: &ShapeId,
    member: &Traits,
    target: &Traits,
    target_shape: &model::Shape,
) -> Result<Constraints, Error> {
    let get = |key: &str| member.get(key).or_else(|| target.get(key));
    let bounds = |key: &str| -> Result<Option<Bounds>, Error> {
        let Some(value) = get(key) else {
            return Ok(None);
        };
        let object = value
            .as_object()
            .ok_or_else(|| Error::new(owner, format!("@{} must be an object", &key[11..])))?;
        let num = |k: &str| -> Result<Option<f64>, Error> {
            match object.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => Ok(n.as_f64()),
                Some(other) => Err(Error::new(
                    owner,
                    format!("@{} {k} must be a number, found {other}", &key[11..]),
                )),
            }
        };
        Ok(Some((num("min")?, num("max")?)))
    };
    let length = match bounds("smithy.api#length")? {
        None => None,
        Some((min, max)) => {
            let whole = |v: Option<f64>| -> Result<Option<u64>, Error> {
                match v {
                    None => Ok(None),
                    Some(v) if v >= 0.0 && v.fract() == 0.0 && v < 1e18 => Ok(Some(v as u64)),
                    Some(v) => Err(Error::new(
                        owner,
                        format!("@length bound {v} is not a non-negative integer"),
                    )),
                }
            };
            Some((whole(min)?, whole(max)?))
        }
    };
    let pattern = match get("smithy.api#pattern") {
        None => None,
        Some(Value::String(p)) => Some(p.clone()),
        Some(_) => return Err(Error::new(owner, "@pattern must be a string")),
    };
    let value_of = |name: &String, m: &model::Member| {
        m.traits
            .get("smithy.api#enumValue")
            .and_then(Value::as_str)
            .unwrap_or(name)
            .to_owned()
    };
    let (enum_values, enum_internal) = match target_shape {
        model::Shape::Enum(agg) => (
            Some(
                agg.members
                    .iter()
                    .map(|(name, m)| value_of(name, m))
                    .collect(),
            ),
            agg.members
                .iter()
                .filter(|(_, m)| m.traits.contains_key("smithy.api#internal"))
                .map(|(name, m)| value_of(name, m))
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    let regex = match &pattern {
        None => None,
        Some(p) => Some(
            super::pattern::to_rust(p)
                .map_err(|e| Error::new(owner, format!("@pattern {p:?} cannot be checked: {e}")))?,
        ),
    };
    Ok(Constraints {
        length,
        range: bounds("smithy.api#range")?,
        pattern,
        regex,
        enum_values,
        enum_internal,
        unique_items: get("smithy.api#uniqueItems").is_some(),
    })
}

fn docs(traits: &Traits) -> Option<String> {
    string_trait(traits, "smithy.api#documentation").filter(|d| !d.trim().is_empty())
}

fn string_trait(traits: &Traits, key: &str) -> Option<String> {
    traits.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Boxes every member whose target can reach back to the member's owner
/// without passing through a list or map, so every type has a finite size.
fn box_recursion(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let direct = |shape: &Shape| -> Vec<ShapeId> {
        let members: &[Member] = match &shape.kind {
            ShapeKind::Structure(s) => &s.members,
            ShapeKind::Union(u) => &u.members,
            _ => &[],
        };
        members
            .iter()
            .filter_map(|m| match &m.ty {
                Type::Named { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect()
    };
    let edges: BTreeMap<ShapeId, Vec<ShapeId>> = shapes
        .iter()
        .map(|(id, s)| (id.clone(), direct(s)))
        .collect();
    let reaches = |from: &ShapeId, to: &ShapeId| -> bool {
        let mut pending = vec![from.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = pending.pop() {
            if &id == to {
                return true;
            }
            if seen.insert(id.clone()) {
                pending.extend(edges.get(&id).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut to_box = Vec::new();
    for (owner, targets) in &edges {
        for (index, target) in targets.iter().enumerate() {
            if reaches(target, owner) {
                to_box.push((owner.clone(), target.clone(), index));
            }
        }
    }
    for (owner, target, _) in to_box {
        if let Some(shape) = shapes.get_mut(&owner) {
            let members = match &mut shape.kind {
                ShapeKind::Structure(s) => &mut s.members,
                ShapeKind::Union(u) => &mut u.members,
                _ => continue,
            };
            for m in members {
                if let Type::Named { id, boxed } = &mut m.ty {
                    if *id == target {
                        *boxed = true;
                    }
                }
            }
        }
    }
}

/// Standard base64, for blob defaults written in the model.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let trimmed = text.trim_end_matches('=');
    if !text.len().is_multiple_of(4) || text.len() - trimmed.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    for chunk in trimmed.as_bytes().chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= value(c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(bytes.get(1..chunk.len()).unwrap_or_default());
    }
    Some(out)
}
