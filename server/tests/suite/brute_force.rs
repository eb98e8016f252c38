//! Brute force over HTTP from one client address: ticket-code and message-code guessing
//! and password guessing are refused (429, in Persian) once the address or the account has
//! used its allowance, and stay refused for the rest of the window. Each test counts the
//! guesses that got an answer and prints what an attacker gets in an hour.

use crate::common::{post_form, send, test_app, TestApp};
use app::server::services::{account, message, rate_limit, ticket};
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode};
use std::net::SocketAddr;

fn from(mut req: Request<Body>, ip: &str) -> Request<Body> {
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 50_000)));
    req
}

fn get_from(path: &str, ip: &str) -> Request<Body> {
    from(Request::get(path).body(Body::empty()).unwrap(), ip)
}

/// Sends guesses until the first refusal (at most `cap`) and returns how many were
/// answered: the limit's allowance exactly. The run and the checks after it fall in one
/// window: windows are aligned to the clock, so when this one ends within a minute the
/// guessing starts in the next.
async fn guesses_until_refused(
    app: &TestApp,
    limit: rate_limit::Limit,
    cap: usize,
    mut guess: impl FnMut(usize) -> Request<Body>,
) -> usize {
    let left = rate_limit::seconds_left(limit, chrono::Utc::now().timestamp());
    if left <= 60 {
        tokio::time::sleep(std::time::Duration::from_secs(left as u64 + 1)).await;
    }
    for i in 0..cap {
        let answered = i;
        let (status, _, body) = send(app, guess(i)).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            // REST answers carry the Persian message; a server function carries the error
            // itself, which the page shows in Persian.
            assert!(
                body.contains(&app::error::AppError::RateLimited.to_string())
                    || body.trim_matches('"') == "RateLimited",
                "the refusal: {body}"
            );
            // Refused it stays.
            let (again, _, _) = send(app, guess(i + 1)).await;
            assert_eq!(again, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(answered, limit.max as usize);
            return answered;
        }
    }
    panic!("{cap} guesses and no refusal");
}

fn per_hour(answered: usize, limit: rate_limit::Limit) -> usize {
    answered * 3600 / limit.window_secs as usize
}

#[tokio::test]
async fn tracking_code_guessing_is_throttled_per_address() {
    let app = test_app().await;
    let limit = ticket::LOOKUP_LIMIT;
    let answered = guesses_until_refused(&app, limit, 1_000, |i| {
        get_from(
            &format!(
                "/api/v1/tickets/{:016}",
                4_242_000_000_000_000u64 + i as u64
            ),
            "198.51.100.7",
        )
    })
    .await;
    // The HTML lookup form counts against the same allowance (the page itself is sent
    // before the lookup answers, so it says so in the page).
    let (_, _, page) = send(
        &app,
        from(
            Request::get("/tickets/track?code=4242000000009999")
                .header("accept", "text/html")
                .body(Body::empty())
                .unwrap(),
            "198.51.100.7",
        ),
    )
    .await;
    assert!(page.contains(&app::error::AppError::RateLimited.to_string()));
    // Another address is not affected.
    let (status, _, _) = send(
        &app,
        get_from("/api/v1/tickets/4242000000009999", "198.51.100.8"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let hour = per_hour(answered, limit);
    // 16-digit codes: even with a million tickets on file, the chance an hour's guesses
    // from one address find any of them.
    let odds = hour as f64 * 1e6 / 1e16;
    println!(
        "ticket-code guessing: {answered} answered guesses per {} min per address = {hour} an hour; \
         against 10^16 codes and a million tickets, a hit an hour with probability {odds:.1e}",
        limit.window_secs / 60
    );
    assert!(hour <= 360, "{hour} guesses an hour");

    let limit = message::LOOKUP_LIMIT;
    let answered = guesses_until_refused(&app, limit, 1_000, |i| {
        get_from(
            &format!(
                "/api/v1/messages/{:016}",
                5_353_000_000_000_000u64 + i as u64
            ),
            "198.51.100.9",
        )
    })
    .await;
    println!(
        "message-code guessing: {answered} per {} min per address = {} an hour",
        limit.window_secs / 60,
        per_hour(answered, limit)
    );
}

#[tokio::test]
async fn password_guessing_is_throttled_per_account_and_per_address() {
    let app = test_app().await;
    account::ensure_first_admin(&app.db, Some("rahbar-brute-1403"))
        .await
        .unwrap();
    let login = |user: &str, password: &str, ip: &str| {
        from(
            post_form(
                "/api/auth/login",
                &format!("username={user}&password={password}"),
                None,
            ),
            ip,
        )
    };
    // One account from many addresses: the account's allowance.
    let limit = account::LOGIN_LIMIT_PER_ACCOUNT;
    let answered = guesses_until_refused(&app, limit, 200, |i| {
        login(
            "admin",
            &format!("guess-{i}"),
            &format!("203.0.113.{}", 1 + i % 200),
        )
    })
    .await;
    // While refused, even the right password does not get in: the guesser learns nothing.
    let (status, headers, _) =
        send(&app, login("admin", "rahbar-brute-1403", "203.0.113.250")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!headers.contains_key("set-cookie"));
    println!(
        "password guessing on one account: {answered} per {} min from any number of addresses = {} an hour",
        limit.window_secs / 60,
        per_hour(answered, limit)
    );

    // One address across many accounts: the address's allowance.
    let limit = account::LOGIN_LIMIT_PER_ADDRESS;
    let answered = guesses_until_refused(&app, limit, 500, |i| {
        login(&format!("user{i}"), "guess", "192.0.2.44")
    })
    .await;
    println!(
        "password guessing from one address over many accounts: {answered} per {} min = {} an hour",
        limit.window_secs / 60,
        per_hour(answered, limit)
    );
}
