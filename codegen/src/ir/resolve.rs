//! First pass over a parsed model: check the version and every shape ID, add
//! the prelude, apply `apply` blocks, and flatten mixins. The result is a
//! table of plain shapes that later passes can look up without caring how
//! the model spelled them.

use super::{prelude, Error, ShapeId};
use crate::model::{Aggregate, Model, Reference, Shape, Traits};
use std::collections::{BTreeMap, BTreeSet};

/// Shapes by absolute ID, with mixins flattened and `apply` applied.
pub type Table = BTreeMap<ShapeId, Shape>;

/// The IDL versions this generator understands.
const VERSIONS: &[&str] = &["1", "1.0", "2", "2.0"];

pub fn resolve(model: &Model) -> Result<Table, Error> {
    if !VERSIONS.contains(&model.smithy.as_str()) {
        return Err(Error::new(
            "",
            format!(
                "unsupported Smithy IDL version {:?} (expected 1.0 or 2.0)",
                model.smithy
            ),
        ));
    }
    let mut table = Table::new();
    let mut applies = Vec::new();
    for (raw, shape) in &model.shapes {
        let id = ShapeId::parse(raw)?;
        match shape {
            Shape::Apply(apply) => applies.push((id, apply.traits.clone())),
            _ if id.member.is_some() => {
                return Err(Error::new(
                    &id,
                    "a shape ID with a member part cannot define a shape",
                ))
            }
            _ => {
                table.insert(id, shape.clone());
            }
        }
    }
    for (name, shape) in prelude::shapes() {
        let id = ShapeId {
            namespace: "smithy.api".into(),
            name: name.into(),
            member: None,
        };
        table.entry(id).or_insert(shape);
    }
    flatten_mixins(&mut table)?;
    for (id, traits) in applies {
        apply(&mut table, &id, traits)?;
    }
    check_references(&table)?;
    Ok(table)
}

fn apply(table: &mut Table, id: &ShapeId, traits: Traits) -> Result<(), Error> {
    let shape = table
        .get_mut(&id.root())
        .ok_or_else(|| Error::new(id, "`apply` targets a shape that does not exist"))?;
    let target = match &id.member {
        None => traits_mut(shape),
        Some(member) => member_traits_mut(shape, member)
            .ok_or_else(|| Error::new(id, "`apply` targets a member that does not exist"))?,
    };
    target.extend(traits);
    Ok(())
}

/// Copies every mixin's members and traits into the shapes that use it,
/// mixins of mixins first, so the result no longer mentions mixins.
fn flatten_mixins(table: &mut Table) -> Result<(), Error> {
    let ids: Vec<ShapeId> = table.keys().cloned().collect();
    let mut done = BTreeSet::new();
    for id in ids {
        flatten_one(table, &id, &mut done, &mut Vec::new())?;
    }
    Ok(())
}

fn flatten_one(
    table: &mut Table,
    id: &ShapeId,
    done: &mut BTreeSet<ShapeId>,
    stack: &mut Vec<ShapeId>,
) -> Result<(), Error> {
    if done.contains(id) {
        return Ok(());
    }
    if stack.contains(id) {
        let cycle: Vec<String> = stack.iter().map(ToString::to_string).collect();
        return Err(Error::new(
            id,
            format!("mixin cycle: {} -> {id}", cycle.join(" -> ")),
        ));
    }
    let Some(shape) = table.get(id) else {
        return Ok(());
    };
    let mixins = mixins(shape).to_vec();
    let kind = std::mem::discriminant(shape);
    stack.push(id.clone());
    let mut parents = Vec::new();
    for mixin in &mixins {
        let mixin_id = ShapeId::parse(&mixin.target)?;
        flatten_one(table, &mixin_id, done, stack)?;
        let parent = table
            .get(&mixin_id)
            .ok_or_else(|| Error::new(id, format!("mixin {mixin_id} does not exist")))?;
        if !traits(parent).contains_key("smithy.api#mixin") {
            return Err(Error::new(
                id,
                format!("{mixin_id} is used as a mixin but lacks @mixin"),
            ));
        }
        if std::mem::discriminant(parent) != kind {
            return Err(Error::new(
                id,
                format!("mixin {mixin_id} is a different kind of shape"),
            ));
        }
        parents.push(parent.clone());
    }
    stack.pop();
    if let Some(shape) = table.get_mut(id) {
        merge_parents(shape, parents);
    }
    done.insert(id.clone());
    Ok(())
}

fn merge_parents(shape: &mut Shape, parents: Vec<Shape>) {
    if parents.is_empty() {
        return;
    }
    let mut inherited = Traits::new();
    for parent in &parents {
        for (key, value) in traits(parent) {
            // A mixin's own marker, and traits marked local to it, stay behind.
            if key != "smithy.api#mixin" {
                inherited.insert(key.clone(), value.clone());
            }
        }
    }
    let own = std::mem::take(traits_mut(shape));
    inherited.extend(own);
    *traits_mut(shape) = inherited;

    match shape {
        Shape::Structure(agg) | Shape::Union(agg) | Shape::Enum(agg) | Shape::IntEnum(agg) => {
            let mut members = indexmap::IndexMap::new();
            for parent in &parents {
                if let Shape::Structure(p) | Shape::Union(p) | Shape::Enum(p) | Shape::IntEnum(p) =
                    parent
                {
                    for (name, member) in &p.members {
                        members.insert(name.clone(), member.clone());
                    }
                }
            }
            for (name, member) in std::mem::take(&mut agg.members) {
                match members.get_mut(&name) {
                    // Redefining a mixin member only adds traits to it.
                    Some(existing) => existing.traits.extend(member.traits),
                    None => {
                        members.insert(name, member);
                    }
                }
            }
            agg.members = members;
            agg.mixins.clear();
        }
        Shape::Operation(op) => {
            for parent in &parents {
                if let Shape::Operation(p) = parent {
                    op.input = op.input.take().or_else(|| p.input.clone());
                    op.output = op.output.take().or_else(|| p.output.clone());
                    let mut errors = p.errors.clone();
                    errors.append(&mut op.errors);
                    op.errors = errors;
                }
            }
            op.mixins.clear();
        }
        Shape::Service(svc) => {
            for parent in &parents {
                if let Shape::Service(p) = parent {
                    svc.operations.extend(p.operations.iter().cloned());
                    svc.resources.extend(p.resources.iter().cloned());
                    svc.errors.extend(p.errors.iter().cloned());
                }
            }
            svc.mixins.clear();
        }
        _ => clear_mixins(shape),
    }
}

fn clear_mixins(shape: &mut Shape) {
    match shape {
        Shape::List(c) | Shape::Set(c) => c.mixins.clear(),
        Shape::Map(m) => m.mixins.clear(),
        Shape::Resource(r) => r.mixins.clear(),
        Shape::Blob(s)
        | Shape::Boolean(s)
        | Shape::String(s)
        | Shape::Byte(s)
        | Shape::Short(s)
        | Shape::Integer(s)
        | Shape::Long(s)
        | Shape::Float(s)
        | Shape::Double(s)
        | Shape::BigInteger(s)
        | Shape::BigDecimal(s)
        | Shape::Timestamp(s)
        | Shape::Document(s) => s.mixins.clear(),
        _ => {}
    }
}

/// Every target a shape mentions must exist; this is where dangling and
/// malformed references are caught, once, with the referring shape named.
fn check_references(table: &Table) -> Result<(), Error> {
    for (id, shape) in table {
        for (member, target) in references(shape) {
            let owner = match member {
                Some(m) => id.with_member(&m),
                None => id.clone(),
            };
            let target_id = ShapeId::parse(&target).map_err(|e| Error::new(&owner, e.message))?;
            if !table.contains_key(&target_id) {
                return Err(Error::new(
                    &owner,
                    format!("targets {target_id}, which does not exist"),
                ));
            }
        }
    }
    Ok(())
}

/// (member name if any, target) for every reference a shape holds.
pub fn references(shape: &Shape) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let refs = |out: &mut Vec<(Option<String>, String)>, label: &str, list: &[Reference]| {
        for r in list {
            out.push((
                Some(label.to_owned()).filter(|l| !l.is_empty()),
                r.target.clone(),
            ));
        }
    };
    match shape {
        Shape::Structure(a) | Shape::Union(a) => {
            for (name, m) in &a.members {
                out.push((Some(name.clone()), m.target.clone()));
            }
        }
        Shape::List(c) | Shape::Set(c) => {
            out.push((Some("member".into()), c.member.target.clone()))
        }
        Shape::Map(m) => {
            out.push((Some("key".into()), m.key.target.clone()));
            out.push((Some("value".into()), m.value.target.clone()));
        }
        Shape::Operation(op) => {
            refs(&mut out, "", op.input.as_slice());
            refs(&mut out, "", op.output.as_slice());
            refs(&mut out, "", &op.errors);
        }
        Shape::Service(s) => {
            refs(&mut out, "", &s.operations);
            refs(&mut out, "", &s.resources);
            refs(&mut out, "", &s.errors);
        }
        Shape::Resource(r) => {
            for r in r.identifiers.values().chain(r.properties.values()) {
                out.push((None, r.target.clone()));
            }
            for r in [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list]
                .into_iter()
                .flatten()
            {
                out.push((None, r.target.clone()));
            }
            refs(&mut out, "", &r.operations);
            refs(&mut out, "", &r.collection_operations);
            refs(&mut out, "", &r.resources);
        }
        _ => {}
    }
    out
}

pub fn mixins(shape: &Shape) -> &[Reference] {
    match shape {
        Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) => &a.mixins,
        Shape::List(c) | Shape::Set(c) => &c.mixins,
        Shape::Map(m) => &m.mixins,
        Shape::Operation(o) => &o.mixins,
        Shape::Service(s) => &s.mixins,
        Shape::Resource(r) => &r.mixins,
        Shape::Apply(_) => &[],
        Shape::Blob(s)
        | Shape::Boolean(s)
        | Shape::String(s)
        | Shape::Byte(s)
        | Shape::Short(s)
        | Shape::Integer(s)
        | Shape::Long(s)
        | Shape::Float(s)
        | Shape::Double(s)
        | Shape::BigInteger(s)
        | Shape::BigDecimal(s)
        | Shape::Timestamp(s)
        | Shape::Document(s) => &s.mixins,
    }
}

pub fn traits(shape: &Shape) -> &Traits {
    match shape {
        Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) => &a.traits,
        Shape::List(c) | Shape::Set(c) => &c.traits,
        Shape::Map(m) => &m.traits,
        Shape::Operation(o) => &o.traits,
        Shape::Service(s) => &s.traits,
        Shape::Resource(r) => &r.traits,
        Shape::Apply(a) => &a.traits,
        Shape::Blob(s)
        | Shape::Boolean(s)
        | Shape::String(s)
        | Shape::Byte(s)
        | Shape::Short(s)
        | Shape::Integer(s)
        | Shape::Long(s)
        | Shape::Float(s)
        | Shape::Double(s)
        | Shape::BigInteger(s)
        | Shape::BigDecimal(s)
        | Shape::Timestamp(s)
        | Shape::Document(s) => &s.traits,
    }
}

fn traits_mut(shape: &mut Shape) -> &mut Traits {
    match shape {
        Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) => &mut a.traits,
        Shape::List(c) | Shape::Set(c) => &mut c.traits,
        Shape::Map(m) => &mut m.traits,
        Shape::Operation(o) => &mut o.traits,
        Shape::Service(s) => &mut s.traits,
        Shape::Resource(r) => &mut r.traits,
        Shape::Apply(a) => &mut a.traits,
        Shape::Blob(s)
        | Shape::Boolean(s)
        | Shape::String(s)
        | Shape::Byte(s)
        | Shape::Short(s)
        | Shape::Integer(s)
        | Shape::Long(s)
        | Shape::Float(s)
        | Shape::Double(s)
        | Shape::BigInteger(s)
        | Shape::BigDecimal(s)
        | Shape::Timestamp(s)
        | Shape::Document(s) => &mut s.traits,
    }
}

fn member_traits_mut<'a>(shape: &'a mut Shape, member: &str) -> Option<&'a mut Traits> {
    match shape {
        Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) => {
            a.members.get_mut(member).map(|m| &mut m.traits)
        }
        Shape::List(c) | Shape::Set(c) if member == "member" => Some(&mut c.member.traits),
        Shape::Map(m) => match member {
            "key" => Some(&mut m.key.traits),
            "value" => Some(&mut m.value.traits),
            _ => None,
        },
        _ => None,
    }
}

/// Members of an aggregate, empty for other kinds.
pub fn aggregate(shape: &Shape) -> Option<&Aggregate> {
    match shape {
        Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) => Some(a),
        _ => None,
    }
}
