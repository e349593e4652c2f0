//! The server runtime's routing on its own: a hand-written route table with
//! greedy labels, suffixes after greedy labels, query literals and methods.

use tests::rt::json::{Object, Value};
use tests::rt::server::{
    accepts, find, media_type_is, split_path, Found, Media, Operations, RequestContext, Route,
    Router, Segment,
};
use tests::rt::wire::{IncomingRequest, Response};

const fn route(
    operation: &'static str,
    method: &'static str,
    path: &'static [Segment],
    query: &'static [(&'static str, &'static str)],
) -> Route {
    Route {
        operation,
        method,
        path,
        query,
        request: Media::None,
        response: Media::Exactly("application/json"),
    }
}

use Segment::{Greedy, Label, Literal};

static ROUTES: [Route; 10] = [
    route("Greedy", "GET", &[Literal("files"), Greedy], &[]),
    route("OneLabel", "GET", &[Literal("files"), Label], &[]),
    route("Literal", "GET", &[Literal("files"), Literal("index")], &[]),
    route(
        "GreedyMeta",
        "GET",
        &[Literal("files"), Greedy, Literal("meta")],
        &[],
    ),
    route(
        "Flagged",
        "GET",
        &[Literal("files"), Label],
        &[("flag", "")],
    ),
    route(
        "Scoped",
        "GET",
        &[Literal("files"), Label],
        &[("scope", "x"), ("flag", "")],
    ),
    route("Put", "PUT", &[Literal("files"), Label], &[]),
    route("Root", "GET", &[], &[]),
    route("Trailing", "GET", &[Literal("dir"), Literal("")], &[]),
    route("Pair", "DELETE", &[Label, Literal("of"), Label], &[]),
];

fn lookup(method: &str, path: &str, query: &str) -> (String, Vec<String>) {
    let segments = split_path(path).expect("a valid path");
    let query = tests::rt::encoding::parse_query(query).expect("a valid query");
    match find(&ROUTES, method, &segments, &query) {
        Found::Route(index, labels) => (ROUTES[index].operation.to_owned(), labels),
        Found::MethodNotAllowed(methods) => (format!("405 {}", methods.join(",")), Vec::new()),
        Found::NotFound => ("404".to_owned(), Vec::new()),
    }
}

fn labels(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn the_most_specific_route_wins() {
    assert_eq!(
        lookup("GET", "/files/index", ""),
        ("Literal".into(), labels(&[]))
    );
    assert_eq!(
        lookup("GET", "/files/other", ""),
        ("OneLabel".into(), labels(&["other"]))
    );
    assert_eq!(
        lookup("GET", "/files/a/b/c", ""),
        ("Greedy".into(), labels(&["a/b/c"]))
    );
    // Both greedy routes match; the one with the literal suffix has more literals.
    assert_eq!(
        lookup("GET", "/files/a/b/meta", ""),
        ("GreedyMeta".into(), labels(&["a/b"]))
    );
    // A greedy label needs at least one segment before the suffix.
    assert_eq!(
        lookup("GET", "/files/meta", ""),
        ("OneLabel".into(), labels(&["meta"]))
    );
}

#[test]
fn query_literals_break_ties() {
    assert_eq!(
        lookup("GET", "/files/f", "flag"),
        ("Flagged".into(), labels(&["f"]))
    );
    assert_eq!(
        lookup("GET", "/files/f", "flag=anything"),
        ("Flagged".into(), labels(&["f"]))
    );
    assert_eq!(
        lookup("GET", "/files/f", "scope=x&flag"),
        ("Scoped".into(), labels(&["f"]))
    );
    assert_eq!(
        lookup("GET", "/files/f", "flag&scope=x"),
        ("Scoped".into(), labels(&["f"]))
    );
    // A literal with the wrong value does not match.
    assert_eq!(
        lookup("GET", "/files/f", "scope=y&flag"),
        ("Flagged".into(), labels(&["f"]))
    );
    assert_eq!(
        lookup("GET", "/files/f", "scope=x"),
        ("OneLabel".into(), labels(&["f"]))
    );
}

#[test]
fn labels_are_split_before_decoding() {
    assert_eq!(
        lookup("GET", "/files/a%2Fb", ""),
        ("OneLabel".into(), labels(&["a/b"]))
    );
    assert_eq!(
        lookup("GET", "/files/a%2Fb/c", ""),
        ("Greedy".into(), labels(&["a/b/c"]))
    );
    assert_eq!(
        lookup("GET", "/files/%E2%9C%93", ""),
        ("OneLabel".into(), labels(&["\u{2713}"]))
    );
    assert_eq!(
        lookup("GET", "/files/a+b%20c", ""),
        ("OneLabel".into(), labels(&["a+b c"]))
    );
    assert_eq!(
        lookup("GET", "/files/..", ""),
        ("OneLabel".into(), labels(&[".."]))
    );
    assert_eq!(
        lookup("DELETE", "/x%2Fy/of/z", ""),
        ("Pair".into(), labels(&["x/y", "z"]))
    );
    // Literals compare decoded.
    assert_eq!(
        lookup("GET", "/files/ind%65x", ""),
        ("Literal".into(), labels(&[]))
    );
    assert!(split_path("/files/%zz").is_err());
    assert!(split_path("/files/%C3").is_err());
    assert!(split_path("files").is_err());
}

#[test]
fn empty_segments_and_roots() {
    assert_eq!(lookup("GET", "/", ""), ("Root".into(), labels(&[])));
    assert_eq!(lookup("GET", "/dir/", ""), ("Trailing".into(), labels(&[])));
    assert_eq!(lookup("GET", "/dir", ""), ("404".into(), labels(&[])));
    // Labels may not be empty.
    assert_eq!(lookup("GET", "/files/", ""), ("404".into(), labels(&[])));
    assert_eq!(lookup("DELETE", "//of/z", ""), ("404".into(), labels(&[])));
    assert_eq!(
        lookup("GET", "/files//", ""),
        ("Greedy".into(), labels(&["/"]))
    );
}

#[test]
fn methods_are_matched_after_paths() {
    assert_eq!(
        lookup("PUT", "/files/f", ""),
        ("Put".into(), labels(&["f"]))
    );
    assert_eq!(
        lookup("POST", "/files/f", ""),
        ("405 GET,PUT".into(), labels(&[]))
    );
    assert_eq!(
        lookup("GET", "/x/of/y", ""),
        ("405 DELETE".into(), labels(&[]))
    );
    assert_eq!(lookup("POST", "/nothing", ""), ("404".into(), labels(&[])));
}

#[test]
fn media_types_and_accept() {
    assert!(media_type_is("application/json", "application/json"));
    assert!(media_type_is(
        " Application/Json ; charset=UTF-8",
        "application/json"
    ));
    assert!(!media_type_is(
        "application/json-patch+json",
        "application/json"
    ));
    assert!(!media_type_is("", "application/json"));

    assert!(accepts("*/*", "image/jpeg"));
    assert!(accepts("image/*", "image/jpeg"));
    assert!(accepts("text/plain, image/jpeg;q=0.2", "image/jpeg"));
    assert!(!accepts("image/jpeg;q=0", "image/jpeg"));
    assert!(!accepts("image/jpeg; q=0.0, text/*", "image/jpeg"));
    assert!(!accepts("application/json", "image/jpeg"));
    assert!(!accepts(",,;", "image/jpeg"));
}

/// Answers with the route name and labels, so the full router can be
/// checked end to end.
struct Table;

impl Operations for Table {
    fn routes(&self) -> &'static [Route] {
        &ROUTES
    }

    async fn call(&self, route: usize, ctx: RequestContext, request: IncomingRequest) -> Response {
        let mut body = Object::new();
        body.insert("route".into(), Value::from(ROUTES[route].operation));
        body.insert("operation".into(), Value::from(ctx.operation()));
        body.insert("labels".into(), Value::from(request.labels.clone()));
        let mut response = Response::new(200);
        response.json_body(body);
        response
    }
}

#[tokio::test]
async fn the_router_hands_labels_to_the_operation() {
    let router = Router::new(Table);
    let request = http::Request::builder()
        .uri("/files/a%2Fb/c/meta")
        .body(Vec::new())
        .expect("request");
    let response = router.handle(request).await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(response.body()).expect("JSON");
    assert_eq!(body["route"], "GreedyMeta");
    assert_eq!(body["operation"], "GreedyMeta");
    assert_eq!(body["labels"], serde_json::json!(["a/b/c"]));
}

#[tokio::test]
async fn routes_without_a_body_refuse_one() {
    let router = Router::new(Table);
    let request = http::Request::builder()
        .method("PUT")
        .uri("/files/f")
        .header("content-type", "application/octet-stream")
        .body(b"data".to_vec())
        .expect("request");
    let response = router.handle(request).await;
    assert_eq!(response.status(), 415);
    // Without a content type the stray body is ignored.
    let request = http::Request::builder()
        .method("PUT")
        .uri("/files/f")
        .body(b"data".to_vec())
        .expect("request");
    assert_eq!(router.handle(request).await.status(), 200);
}

#[test]
fn the_router_is_a_tower_service_for_any_body() {
    fn assert_service<S: tower_service::Service<http::Request<B>>, B>() {}
    assert_service::<Router<Table>, http_body_util::Full<hyper::body::Bytes>>();
    assert_service::<Router<Table>, hyper::body::Incoming>();
    assert_service::<Router<Table>, http_body_util::Empty<hyper::body::Bytes>>();
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<Router<Table>>();
}
