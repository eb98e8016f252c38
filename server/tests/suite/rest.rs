//! The public REST API over HTTP: JSON in and out, the same rules as the pages, stable
//! error codes with Persian messages and the right status, and the OpenAPI document.

use crate::common;

use crate::common::{send, test_app};
use axum::body::Body;
use http::{Request, StatusCode};

fn json_post(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

fn parse(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"))
}

#[tokio::test]
async fn tickets_and_messages_over_rest() {
    let app = test_app().await;
    let (status, _, body) = send(&app, get("/api/v1/ticket-categories")).await;
    assert_eq!(status, StatusCode::OK);
    let cats = parse(&body);
    let category = cats[0]["id"].as_i64().unwrap();
    assert!(cats[0]["title"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));

    // Bad input: 400 with a stable code and a Persian message naming the field; never 500.
    let (status, _, body) = send(&app, json_post("/api/v1/tickets", "{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(parse(&body)["code"], "invalid_json");
    let (status, _, body) = send(
        &app,
        json_post(
            "/api/v1/tickets",
            &format!(r#"{{"name":"علی","category":{category},"subject":"پرسش","body":"متن کوتاه است اما کافی"}}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let e = parse(&body);
    assert_eq!(e["code"], "validation");
    assert_eq!(e["field"], "راه تماس");

    let (status, _, body) = send(
        &app,
        json_post(
            "/api/v1/tickets",
            &format!(r#"{{"name":"علی رضایی","mobile":"+989121234567","category":{category},"subject":"پرسش درباره‌ی چاه","body":"چاه ما پروانه ندارد؛ چه کنیم؟"}}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let receipt = parse(&body);
    let code = receipt["tracking_code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 16);

    // Looked up with Persian digits and dashes.
    let display = receipt["tracking_code_display"].as_str().unwrap();
    let encoded: String = display.bytes().map(|b| format!("%{b:02X}")).collect();
    let (status, _, body) = send(&app, get(&format!("/api/v1/tickets/{encoded}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let t = parse(&body);
    assert_eq!(t["status"], "new");
    assert_eq!(t["thread"].as_array().unwrap().len(), 1);

    let (status, _, _) = send(
        &app,
        json_post(
            &format!("/api/v1/tickets/{code}/replies"),
            r#"{"body":"توضیح بیشتر: چاه کشاورزی است."}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, _, body) = send(&app, get(&format!("/api/v1/tickets/{code}"))).await;
    assert_eq!(parse(&body)["thread"].as_array().unwrap().len(), 2);

    let (status, _, body) = send(&app, get("/api/v1/tickets/1111222233334444")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(parse(&body)["code"], "not_found");

    // Messages.
    let (status, _, body) = send(
        &app,
        json_post(
            "/api/v1/messages",
            r#"{"kind":"praise","subject":"x","body":"y"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(parse(&body)["field"], "kind");
    let (status, _, body) = send(
        &app,
        json_post(
            "/api/v1/messages",
            r#"{"kind":"appreciation","subject":"سپاس","body":"از پاسخ‌گویی سریع شما سپاسگزارم."}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mcode = parse(&body)["tracking_code"].as_str().unwrap().to_string();
    let (status, _, body) = send(&app, get(&format!("/api/v1/messages/{mcode}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(parse(&body)["status"], "unread");

    // The OpenAPI document lists every path.
    let (status, _, body) = send(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = parse(&body);
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/v1/ticket-categories",
        "/api/v1/tickets",
        "/api/v1/tickets/{code}",
        "/api/v1/tickets/{code}/replies",
        "/api/v1/messages",
        "/api/v1/messages/{code}",
    ] {
        assert!(
            doc["paths"][p].is_object(),
            "{p} missing from the OpenAPI document"
        );
    }
}

#[tokio::test]
async fn open_water_data_as_json_and_csv() {
    let app = test_app().await;
    app::server::services::water::samples::seed(&app.db)
        .await
        .unwrap();
    let (status, _, body) = send(&app, get("/api/v1/water/stations")).await;
    assert_eq!(status, StatusCode::OK);
    let stations = parse(&body);
    assert_eq!(stations.as_array().unwrap().len(), 6);
    assert_eq!(stations[0]["sample"], true);
    let id = stations[0]["id"].as_i64().unwrap();

    // A station's rainfall over seven days (the sample data runs to today), the range given
    // in Persian digits, as CSV for Excel.
    use app::server::services::water::year::{add_days, key, today};
    let (from, to) = (add_days(today(), -9), add_days(today(), -3));
    let enc = |s: String| -> String { s.bytes().map(|b| format!("%{b:02X}")).collect() };
    let range = format!(
        "from={}&to={}",
        enc(app::persian::to_persian_digits(&key(from))),
        key(to)
    );
    let (status, headers, body) = send(
        &app,
        get(&format!(
            "/api/v1/water/rainfall?station={id}&{range}&format=csv"
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(body.starts_with("\u{feff}station_id,station,date_jalali,date,mm\r\n"));
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 7, "seven days: {body}");
    let (y, m, d) = from.to_gregorian();
    let first = format!(",{},{y:04}-{m:02}-{d:02},", key(from));
    assert!(lines[1].contains(&first), "{} has {first}", lines[1]);

    // JSON of the dams' readings, filtered by dam.
    let (_, _, body) = send(&app, get("/api/v1/water/dams")).await;
    let dam = parse(&body)[0]["id"].as_i64().unwrap();
    let (status, _, body) = send(
        &app,
        get(&format!(
            "/api/v1/water/dam-readings?dam={dam}&from={}&to={}",
            key(from),
            key(add_days(from, 1))
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows = parse(&body);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert!(rows[0]["storage_mcm"].as_f64().unwrap() > 0.0);

    // Errors are JSON with a Persian message.
    for (path, status, code) in [
        ("/api/v1/water/rainfall?from=1404/13/01", 400, "validation"),
        ("/api/v1/water/rainfall?station=abc", 400, "validation"),
        ("/api/v1/water/rainfall?format=xml", 400, "validation"),
        ("/api/v1/water/rainfall?station=999999", 404, "not_found"),
        ("/api/v1/water/wells", 404, "not_found"),
    ] {
        let (got, _, body) = send(&app, get(path)).await;
        assert_eq!(got.as_u16(), status, "{path}: {body}");
        let e = parse(&body);
        assert_eq!(e["code"], code, "{path}");
        assert!(e["message"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
    }
    let (_, _, body) = send(&app, get("/api/v1/openapi.json")).await;
    let doc = parse(&body);
    assert!(doc["paths"]["/api/v1/water/dam-readings"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/tickets"]["post"].is_object());
}

#[tokio::test]
async fn forms_over_rest_and_the_administrators_export() {
    let app = test_app().await;
    // The sample form (the test server may have seeded it already).
    app::server::services::forms::samples::seed(&app.db)
        .await
        .unwrap();
    let forms = app::server::services::forms::submit::list_public(&app.db)
        .await
        .unwrap();
    let id = forms[0].id;
    let (status, _, body) = send(&app, get(&format!("/api/v1/forms/{id}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let form = parse(&body);
    assert_eq!(form["version"], 1);
    assert_eq!(form["open"], true);
    let fields = form["fields"].as_array().unwrap();
    let key = |kind: &str| {
        fields.iter().find(|f| f["kind"] == kind).unwrap()["key"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (name, id_key, mobile, use_key, question) = (
        key("short_text"),
        key("national_id"),
        key("mobile"),
        key("choice"),
        key("long_text"),
    );
    let body_with = |national_id: &str| {
        serde_json::json!({
            "answers": {
                name.as_str(): "مریم احمدی",
                id_key.as_str(): national_id,
                mobile.as_str(): "۰۹۱۲۱۲۳۴۵۶۷",
                use_key.as_str(): "کشاورزی",
                question.as_str(): "آیا برای تعویض پمپ چاه مجوز لازم است؟",
            },
            "consent": true
        })
        .to_string()
    };
    let path = format!("/api/v1/forms/{id}/submissions");
    let (status, _, body) = send(&app, json_post(&path, &body_with("0012345678"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(parse(&body)["field"], "کد ملی");
    let (status, _, body) = send(&app, json_post(&path, &body_with("۰۰۱۲۳۴۵۶۷۹"))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let code = parse(&body)["tracking_code"].as_str().unwrap().to_string();
    let (status, _, body) = send(&app, get(&format!("/api/v1/submissions/{code}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let s = parse(&body);
    assert_eq!(s["status"], "new");
    let answers = s["answers"].as_array().unwrap();
    let national = answers
        .iter()
        .find(|a| a["key"] == id_key.as_str())
        .unwrap();
    assert_eq!(national["text"], "******۵۶۷۹", "identifiers are masked");
    let (status, _, _) = send(&app, get("/api/v1/submissions/1111222233334444")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, body) = send(&app, get("/api/v1/openapi.json")).await;
    let doc = parse(&body);
    for p in [
        "/api/v1/forms/{id}",
        "/api/v1/forms/{id}/submissions",
        "/api/v1/submissions/{code}",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} in the OpenAPI document");
    }

    // The export: the administrator's only, as CSV and XLSX.
    let export = format!("/staff/forms/{id}/export");
    let (status, _, _) = send(&app, get(&export)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app::server::services::account::ensure_first_admin(&app.db, Some("rahbar-export-1403"))
        .await
        .unwrap();
    let admin = app::server::services::account::login(&app.db, None, "admin", "rahbar-export-1403")
        .await
        .unwrap();
    let cookie = common::session_cookie(&app, admin.user_id).await;
    let with_cookie = |p: String| {
        Request::get(p)
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap()
    };
    let (status, headers, body) = send(&app, with_cookie(format!("{export}?format=csv"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(body.contains(&code) && body.contains("0012345679") && body.contains("مریم احمدی"));
    let (status, headers, _) = send(&app, with_cookie(format!("{export}?format=xlsx"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
}

#[tokio::test]
async fn errors_axum_answers_before_a_handler_are_persian_json() {
    let app = test_app().await;
    let persian = |body: &str| {
        let v = parse(body);
        let m = v["message"].as_str().unwrap_or_default().to_string();
        assert!(
            m.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{body}"
        );
        v["code"].as_str().unwrap().to_string()
    };
    // A path that is not a number, or too large a number for an id.
    for path in ["/api/v1/forms/abc", "/api/v1/forms/99999999999"] {
        let (status, headers, body) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(headers["content-type"], "application/json");
        assert_eq!(persian(&body), "bad_request");
    }
    // A method the address does not take: 405, its Allow header kept.
    let req = Request::delete("/api/v1/tickets")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "POST");
    assert_eq!(persian(&body), "method_not_allowed");
    // A body over the limit, streamed or announced by its length.
    let big = format!("{{\"body\":\"{}\"}}", "x".repeat(40 * 1024 * 1024));
    let (status, _, body) = send(&app, json_post("/api/v1/messages", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(persian(&body), "too_large");
    let mut announced = json_post("/api/v1/messages", &big);
    announced
        .headers_mut()
        .insert("content-length", big.len().into());
    let (status, _, body) = send(&app, announced).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(persian(&body), "too_large");
    // An address under the API that is no route.
    let (status, _, body) = send(&app, get("/api/v1/no-such-thing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(persian(&body), "not_found");
    // The document lists today's ticket categories as the only ones a ticket may name.
    let (_, _, body) = send(&app, get("/api/v1/ticket-categories")).await;
    let ids: Vec<i64> = parse(&body)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let (_, _, doc) = send(&app, get("/api/v1/openapi.json")).await;
    let doc = parse(&doc);
    let listed: Vec<i64> = doc["components"]["schemas"]["NewTicket"]["properties"]["category"]
        ["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(listed, ids);
}
