//! E-mail through the outbox, delivered to a real SMTP listener started by the test (a small
//! SMTP server on 127.0.0.1 that records what it receives), on both databases.
#![cfg(feature = "ssr")]

use crate::common;

use app::server::services::outbox::{self, Mailer};
use app::server::services::permission::Acting;
use app::server::services::ticket::{self, NewTicket};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server: enough of RFC 5321 for a client to hand over messages. Returns
/// its port and the raw DATA of every message received.
async fn smtp_listener() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                break;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test-smtp ready\r\n").await.unwrap();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 OK queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test-smtp\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 end with .\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// The body of a received message, with its transfer encoding undone.
fn decoded_body(raw: &str) -> String {
    use base64::Engine;
    let (headers, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let headers = headers.to_ascii_lowercase();
    if headers.contains("content-transfer-encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    } else if headers.contains("content-transfer-encoding: quoted-printable") {
        let joined = body.replace("=\n", "");
        let mut out = Vec::new();
        let b = joined.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' && i + 2 < b.len() {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    } else {
        body.to_string()
    }
}

#[tokio::test]
async fn the_tracking_code_reaches_a_real_smtp_listener() {
    for t in common::all().await {
        let db = &t.conn;
        let (port, received) = smtp_listener().await;
        let cats = ticket::categories(db).await.unwrap();
        let receipt = ticket::file(
            db,
            &Acting::anonymous(None),
            &NewTicket {
                name: "رضا کاظمی".into(),
                mobile: String::new(),
                email: "reza@example.ir".into(),
                category_id: cats[0].id,
                subject: "پرسش درباره‌ی حقابه".into(),
                body: "حقابه‌ی باغ ما امسال چه اندازه است؟".into(),
            },
        )
        .await
        .unwrap();

        // A server that refuses connections: the mail stays, with the error, to retry.
        let dead = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let dead_port = dead.local_addr().unwrap().port();
        drop(dead);
        let broken =
            Mailer::new(&format!("smtp://127.0.0.1:{dead_port}"), "portal@qmrw.ir").unwrap();
        let r = outbox::deliver_pending(db, &broken).await.unwrap();
        assert_eq!((r.sent, r.failed), (0, 1), "{}", t.name);

        let mailer = Mailer::new(&format!("smtp://127.0.0.1:{port}"), "portal@qmrw.ir").unwrap();
        // Not retried at once: the failed mail waits its pause (another instance too).
        let r = outbox::deliver_pending(db, &mailer).await.unwrap();
        assert_eq!((r.sent, r.failed), (0, 0), "{}", t.name);
        sea_orm::ConnectionTrait::execute_unprepared(db, "UPDATE outbox SET claimed_until = NULL")
            .await
            .unwrap();
        let r = outbox::deliver_pending(db, &mailer).await.unwrap();
        assert_eq!((r.sent, r.failed), (1, 0), "{}", t.name);
        let got = received.lock().unwrap().clone();
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("reza@example.ir"), "{}", got[0]);
        // The body is UTF-8, sent base64- or quoted-printable-encoded: decode it and find
        // the code (in the lookup link) and the greeting.
        let body = decoded_body(&got[0]);
        assert!(body.contains(&receipt.tracking_code), "{body}");
        assert!(body.contains("رضا کاظمی گرامی"), "{body}");
        // Nothing is sent twice.
        let r = outbox::deliver_pending(db, &mailer).await.unwrap();
        assert_eq!((r.sent, r.failed), (0, 0));
    }
}
