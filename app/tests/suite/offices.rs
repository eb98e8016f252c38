//! The contact directory and the counter offices kept by their custodians, on both
//! databases: who may edit which, validation in Persian, and what the public lists show.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::server::services::offices::{self, CounterInput, OfficeInput};
use app::server::services::permission::Acting;
use app::server::services::{account, contact, counter_office, demo};

async fn admin(db: &sea_orm::DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-offices-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-offices-1403")
            .await
            .unwrap(),
        None,
    )
}

#[tokio::test]
async fn custodians_keep_the_contact_directory_and_counter_offices() {
    for t in common::all().await {
        let db = &t.conn;
        demo::seed(db).await.unwrap();
        let admin = admin(db).await;
        let contact_keeper = common::custodian_of(db, &admin, 1, "contact").await;
        let counter_keeper = common::custodian_of(db, &admin, 2, "counter_offices").await;
        let company = contact::list_offices(db).await.unwrap().remove(0);

        let mut input = OfficeInput {
            id: Some(company.id),
            name: company.name.clone(),
            county: company.county.clone().unwrap_or_default(),
            address: company.address.clone(),
            postal_code: "۳۷۱۵۶-۱۳۴۵۶".into(),
            phone: "۰۲۵-۳۲۹۰۰۰۰۰".into(),
            email: "Info@QMRW.ir".into(),
            working_hours: "شنبه تا چهارشنبه، ۷:۳۰ تا ۱۴:۳۰".into(),
            latitude: "۳۴٫۶۴۰۱".into(),
            longitude: "50.8764".into(),
            ..Default::default()
        };
        // Only the contact section's custodian (and the administrator).
        assert_eq!(
            offices::save_contact(db, &counter_keeper, &input)
                .await
                .err(),
            Some(AppError::Forbidden),
            "{}",
            t.name
        );
        offices::save_contact(db, &contact_keeper, &input)
            .await
            .unwrap();
        let saved = contact::list_offices(db).await.unwrap().remove(0);
        assert_eq!(saved.postal_code.as_deref(), Some("3715613456"));
        assert_eq!(saved.phone.as_deref(), Some("025-32900000"));
        assert_eq!(saved.email.as_deref(), Some("info@qmrw.ir"));
        assert_eq!(saved.latitude, Some(34.6401));
        assert_eq!(saved.longitude, Some(50.8764));
        assert!(saved.working_hours.unwrap().contains("شنبه"));
        // Validation in Persian.
        input.postal_code = "123".into();
        assert!(
            matches!(offices::save_contact(db, &contact_keeper, &input).await,
            Err(AppError::Validation { ref field, .. }) if field == "کد پستی")
        );
        input.postal_code = String::new();
        input.longitude = String::new();
        assert!(
            matches!(offices::save_contact(db, &contact_keeper, &input).await,
            Err(AppError::Validation { ref field, .. }) if field == "موقعیت")
        );
        // The company's entry is not deleted; a county office is.
        assert!(offices::delete_contact(db, &contact_keeper, company.id)
            .await
            .is_err());
        let county = contact::list_offices(db).await.unwrap().pop().unwrap();
        offices::delete_contact(db, &contact_keeper, county.id)
            .await
            .unwrap();

        // Counter offices.
        let new = CounterInput {
            name: "دفتر پیشخوان دولت پردیسان".into(),
            county: "قم".into(),
            code: "۲۵۱۰۰۹۹".into(),
            manager: "رضا نادری".into(),
            address: "قم، پردیسان، بلوار دانشگاه".into(),
            phone: "۰۲۵ ۳۲۸۰ ۱۱۱۱".into(),
            working_hours: "۸ تا ۱۶".into(),
            ..Default::default()
        };
        assert_eq!(
            offices::save_counter(db, &contact_keeper, &new).await.err(),
            Some(AppError::Forbidden)
        );
        let id = offices::save_counter(db, &counter_keeper, &new)
            .await
            .unwrap();
        let listed = counter_office::list(db).await.unwrap();
        let row = listed.iter().find(|o| o.id == id).unwrap();
        assert_eq!(row.code, "2510099");
        assert_eq!(row.name.as_deref(), Some("دفتر پیشخوان دولت پردیسان"));
        let bad = CounterInput {
            code: "کد".into(),
            ..new.clone()
        };
        assert!(offices::save_counter(db, &counter_keeper, &bad)
            .await
            .is_err());
        offices::delete_counter(db, &counter_keeper, id)
            .await
            .unwrap();
        assert!(counter_office::list(db)
            .await
            .unwrap()
            .iter()
            .all(|o| o.id != id));
    }
}
