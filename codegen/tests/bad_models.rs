//! Bad models get an error naming the shape and the problem, never a panic.

use serde_json::{json, Value};

/// A minimal valid service; each case breaks one thing.
fn base() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {
                "type": "service",
                "version": "1",
                "operations": [{ "target": "ex#Op" }],
                "traits": { "aws.protocols#restJson1": {} }
            },
            "ex#Op": {
                "type": "operation",
                "input": { "target": "ex#OpInput" },
                "output": { "target": "ex#OpOutput" },
                "traits": { "smithy.api#http": { "method": "POST", "uri": "/op/{Id}" } }
            },
            "ex#OpInput": {
                "type": "structure",
                "members": {
                    "Id": { "target": "smithy.api#String", "traits": { "smithy.api#required": {}, "smithy.api#httpLabel": {} } },
                    "Token": { "target": "smithy.api#String" },
                    "Size": { "target": "smithy.api#Integer" }
                }
            },
            "ex#OpOutput": {
                "type": "structure",
                "members": {
                    "Next": { "target": "smithy.api#String" },
                    "Items": { "target": "ex#Items" }
                }
            },
            "ex#Items": { "type": "list", "member": { "target": "smithy.api#String" } }
        }
    })
}

fn generate(model: &Value) -> Result<(), codegen::Error> {
    codegen::generate(&model.to_string()).map(|_| ())
}

fn expect_error(model: Value, shape: &str, message: &str) {
    match generate(&model) {
        Ok(()) => panic!("expected an error about {shape}: {message}"),
        Err(e) => {
            assert_eq!(e.shape, shape, "wrong shape in {e}");
            assert!(
                e.message.contains(message),
                "`{e}` does not mention `{message}`"
            );
        }
    }
}

fn with(mut model: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let key = key.replace("~1", "/");
    model
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent exists")
        .insert(key, value);
    model
}

#[test]
fn the_base_model_is_valid() {
    generate(&base()).expect("base model is valid");
}

#[test]
fn dangling_target() {
    let model = with(
        base(),
        "/shapes/ex#OpInput/members/Token",
        json!({ "target": "ex#Missing" }),
    );
    expect_error(
        model,
        "ex#OpInput$Token",
        "ex#Missing, which does not exist",
    );
}

#[test]
fn malformed_id() {
    let model = with(
        base(),
        "/shapes/ex#OpInput/members/Token",
        json!({ "target": "ex#9bad" }),
    );
    expect_error(model, "ex#OpInput$Token", "malformed shape ID");
}

#[test]
fn unsupported_version() {
    let model = with(base(), "/smithy", json!("3.0"));
    expect_error(model, "", "unsupported Smithy IDL version");
}

#[test]
fn mixin_cycle() {
    let mut model = base();
    model = with(
        model,
        "/shapes/ex#A",
        json!({ "type": "structure", "mixins": [{ "target": "ex#B" }], "members": {}, "traits": { "smithy.api#mixin": {} } }),
    );
    model = with(
        model,
        "/shapes/ex#B",
        json!({ "type": "structure", "mixins": [{ "target": "ex#A" }], "members": {}, "traits": { "smithy.api#mixin": {} } }),
    );
    let err = generate(&model).expect_err("cycle");
    assert!(err.message.contains("mixin cycle"), "{err}");
    assert!(err.shape == "ex#A" || err.shape == "ex#B", "{err}");
}

#[test]
fn bad_pagination_path() {
    let model = with(
        base(),
        "/shapes/ex#Op/traits/smithy.api#paginated",
        json!({ "inputToken": "Token", "outputToken": "Nope", "pageSize": "Size", "items": "Items" }),
    );
    expect_error(model, "ex#Op", "outputToken `Nope`");
    let model = with(
        base(),
        "/shapes/ex#Op/traits/smithy.api#paginated",
        json!({ "inputToken": "Token", "outputToken": "Next", "pageSize": "Token" }),
    );
    expect_error(model, "ex#Op", "pageSize `Token`");
    let model = with(
        base(),
        "/shapes/ex#Op/traits/smithy.api#paginated",
        json!({ "outputToken": "Next" }),
    );
    expect_error(model, "ex#Op", "inputToken");
}

#[test]
fn invalid_traits() {
    expect_error(
        with(
            base(),
            "/shapes/ex#Op/traits/smithy.api#http",
            json!({ "method": "GET" }),
        ),
        "ex#Op",
        "`uri`",
    );
    expect_error(
        with(
            base(),
            "/shapes/ex#Op/traits/smithy.api#http",
            json!({ "method": "POST", "uri": "/op" }),
        ),
        "ex#OpInput$Id",
        "@httpLabel",
    );
    expect_error(
        with(
            base(),
            "/shapes/ex#OpInput/members/Token/traits",
            json!({ "smithy.api#httpHeader": 5 }),
        ),
        "ex#OpInput$Token",
        "must be a string",
    );
    expect_error(
        with(
            base(),
            "/shapes/ex#OpInput/members/Size/traits",
            json!({ "smithy.api#range": "big" }),
        ),
        "ex#OpInput$Size",
        "@range must be an object",
    );
    expect_error(
        with(
            base(),
            "/shapes/ex#OpInput/members/Size/traits",
            json!({ "smithy.api#default": "zero" }),
        ),
        "ex#OpInput$Size",
        "@default",
    );
    expect_error(
        with(
            base(),
            "/shapes/ex#OpInput/members/Token/traits",
            json!({ "smithy.api#httpQuery": "q", "smithy.api#httpHeader": "h" }),
        ),
        "ex#OpInput$Token",
        "only one HTTP binding",
    );
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let model = with(base(), "/shapes/ex#Weird", json!({ "type": "tuple" }));
    expect_error(model, "ex#Weird", "unknown variant");
}

#[test]
fn name_collisions_are_reported() {
    let mut model = base();
    model = with(
        model,
        "/shapes/ex#OpInput/members/token",
        json!({ "target": "smithy.api#String" }),
    );
    expect_error(model, "ex#OpInput$token", "collides with member Token");

    let mut model = base();
    model = with(
        model,
        "/shapes/ex#E",
        json!({ "type": "enum", "members": {
            "EN_US": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "en-US" } },
            "EnUs": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "en_us" } }
        }}),
    );
    model = with(
        model,
        "/shapes/ex#OpInput/members/Lang",
        json!({ "target": "ex#E" }),
    );
    expect_error(model, "ex#E", "EnUs");

    let mut model = base();
    model = with(
        model,
        "/shapes/other#OpOutput",
        json!({ "type": "structure", "members": {} }),
    );
    model = with(
        model,
        "/shapes/ex#OpInput/members/Other",
        json!({ "target": "other#OpOutput" }),
    );
    let err = generate(&model).expect_err("collision");
    assert!(err.message.contains("also used by"), "{err}");
}

#[test]
fn not_json_and_not_an_ast() {
    assert!(codegen::generate("{").is_err());
    assert!(codegen::generate("[]").is_err());
    assert!(codegen::generate(r#"{"smithy": "2.0", "shapes": []}"#).is_err());
    let err = codegen::generate(r#"{"smithy": "2.0", "shapes": {}}"#).expect_err("no service");
    assert!(err.message.contains("no service"), "{err}");
}

/// A tiny deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every node of a JSON value, as JSON pointers.
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let next = format!("{here}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(next.clone());
                pointers(child, next, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let next = format!("{here}/{index}");
                out.push(next.clone());
                pointers(child, next, out);
            }
        }
        _ => {}
    }
}

#[test]
fn mutated_models_never_panic() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/chime-sdk-messaging.json");
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("model")).expect("json");
    let mut all = Vec::new();
    pointers(&original, String::new(), &mut all);
    let replacements = [
        json!(null),
        json!(42),
        json!(-1),
        json!("ex#Nope"),
        json!("smithy.api#Unit"),
        json!("not an id"),
        json!({}),
        json!([]),
        json!({ "target": "smithy.api#Document" }),
        json!(true),
        json!("/{Bad+}/{Bad}"),
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut errors) = (0, 0);
    for _ in 0..120 {
        let mut model = original.clone();
        for _ in 0..=rng.below(3) {
            let pointer = &all[rng.below(all.len())];
            if let Some(node) = model.pointer_mut(pointer) {
                *node = replacements[rng.below(replacements.len())].clone();
            }
        }
        let text = model.to_string();
        let outcome = std::panic::catch_unwind(|| codegen::generate(&text).map(|_| ()));
        match outcome {
            Ok(Ok(())) => ok += 1,
            Ok(Err(e)) => {
                assert!(!e.message.is_empty());
                errors += 1;
            }
            Err(_) => panic!("codegen panicked on a mutated model"),
        }
    }
    assert!(errors > 0 && ok + errors == 120, "ok {ok}, errors {errors}");
}
