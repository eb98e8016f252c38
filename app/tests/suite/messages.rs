//! Suggestions and criticism on real databases: sending, the code, the inbox by section,
//! reading, replying, forwarding, and who may see what.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{MessageKind, MessageStatus};
use app::server::services::account;
use app::server::services::message;
use app::server::services::permission::Acting;

#[tokio::test]
async fn a_message_is_answered_and_forwarded() {
    for t in common::all().await {
        let db = &t.conn;
        account::ensure_first_admin(db, Some("rahbar-msg-1403"))
            .await
            .unwrap();
        let admin = Acting::user(
            account::login(db, None, "admin", "rahbar-msg-1403")
                .await
                .unwrap(),
            None,
        );
        let anon = Acting::anonymous(Some("10.7.0.1".into()));
        assert!(
            message::send(db, &anon, MessageKind::Criticism, "ک", "کوتاه", "")
                .await
                .is_err()
        );
        let code = message::send(
            db,
            &anon,
            MessageKind::Criticism,
            "قطعی آب کشاورزی",
            "سه روز است آب کانال روستای ما قطع است و کسی پاسخ نمی‌دهد.",
            "۰۹۱۲۱۲۳۴۵۶۷",
        )
        .await
        .unwrap();
        let seen = message::lookup(db, None, &app::tracking_code::display(&code))
            .await
            .unwrap();
        assert_eq!(seen.status, MessageStatus::Unread, "{}", t.name);
        assert_eq!(seen.reply, None);

        // Anonymous people and plain users have no inbox.
        assert_eq!(
            message::inbox(db, &anon, None, None).await.err(),
            Some(AppError::Unauthenticated)
        );
        let inbox = message::inbox(db, &admin, None, None).await.unwrap();
        assert_eq!(inbox.section, message::SECTION);
        assert_eq!(inbox.rows.len(), 1);
        let id = inbox.rows[0].id;

        // Opening marks it read; the sender sees that.
        let opened = message::open(db, &admin, id).await.unwrap();
        assert_eq!(opened.row.status, MessageStatus::Read);
        assert_eq!(opened.contact.as_deref(), Some("۰۹۱۲۱۲۳۴۵۶۷"));
        assert_eq!(
            message::lookup(db, None, &code).await.unwrap().status,
            MessageStatus::Read
        );

        // Forwarded to the water-statistics section: unread there, gone from messages.
        message::forward(db, &admin, id, "water").await.unwrap();
        assert!(message::inbox(db, &admin, None, None)
            .await
            .unwrap()
            .rows
            .is_empty());
        let water = message::inbox(db, &admin, Some("water"), None)
            .await
            .unwrap();
        assert_eq!(water.rows.len(), 1, "{}", t.name);
        assert_eq!(water.rows[0].status, MessageStatus::Unread);
        assert!(water.rows[0].forwarded_from.is_some());
        assert!(
            message::forward(db, &admin, id, "water").await.is_err(),
            "already there"
        );

        message::reply(db, &admin, id, "کانال تعمیر شد و آب از امروز برقرار است.")
            .await
            .unwrap();
        let answered = message::lookup(db, None, &code).await.unwrap();
        assert_eq!(answered.status, MessageStatus::Handled);
        assert!(answered.reply.unwrap().contains("تعمیر"));
        assert_eq!(
            message::lookup(db, None, "0000000000000000").await.err(),
            Some(message::not_found())
        );
    }
}
