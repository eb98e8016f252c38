//! Water statistics on real databases: the registers and their rights, water-year figures
//! against last year and the average (1 Mehr boundaries, a leap Esfand), bulk import (a file
//! with problems changes nothing; commit is all-or-nothing; undo restores what was there),
//! XLSX as well as CSV, and the open-data tables as JSON and CSV.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::ImportKind;
use app::persian::jalali::JalaliDate;
use app::server::services::account;
use app::server::services::permission::Acting;
use app::server::services::water::{self, import, open, DamInput, StationInput};
use sea_orm::DatabaseConnection;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-water-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-water-1403")
            .await
            .unwrap(),
        None,
    )
}

fn j(s: &str) -> Option<JalaliDate> {
    Some(JalaliDate::parse(s).unwrap())
}

async fn station(db: &DatabaseConnection, who: &Acting, name: &str) -> i32 {
    water::save_station(
        db,
        who,
        &StationInput {
            name: name.into(),
            county: "قم".into(),
            latitude: "۳۴٫۶۴".into(),
            longitude: "50.88".into(),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn rain(db: &DatabaseConnection, who: &Acting, name: &str, day: &str, mm: &str) {
    water::enter(
        db,
        who,
        ImportKind::Rainfall,
        vec![name.into(), day.into(), mm.into()],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn registers_and_entry_belong_to_the_water_custodian() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let news = common::custodian_of(db, &admin, 1, "news").await;
        let keeper = common::custodian_of(db, &admin, 2, "water").await;
        let input = StationInput {
            name: "ایستگاه آزمایشی".into(),
            county: "قم".into(),
            latitude: "34.6".into(),
            longitude: "50.9".into(),
            active: true,
            ..Default::default()
        };
        assert_eq!(
            water::save_station(db, &news, &input).await.err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            water::save_station(db, &Acting::anonymous(None), &input)
                .await
                .err(),
            Some(AppError::Unauthenticated)
        );
        water::save_station(db, &keeper, &input).await.unwrap();
        // Coordinates outside the province, and a duplicate name, are refused by field.
        let far = StationInput {
            latitude: "40".into(),
            name: "دیگر".into(),
            ..input.clone()
        };
        assert!(matches!(
            water::save_station(db, &keeper, &far).await,
            Err(AppError::Validation { field, .. }) if field == "عرض جغرافیایی"
        ));
        assert!(matches!(
            water::save_station(db, &keeper, &input).await,
            Err(AppError::Validation { .. })
        ));
        // One observation by hand; a second for the same day replaces it.
        rain(db, &keeper, "ایستگاه آزمایشی", "۱۴۰۳/۰۸/۰۱", "۱۲٫۵").await;
        rain(db, &keeper, "ایستگاه  آزمایشی", "1403/8/1", "7").await;
        let table = open::rainfall(db, None, &open::Range::default())
            .await
            .unwrap();
        assert_eq!(table.rows.len(), 1, "{}", t.name);
        assert_eq!(table.rows[0][4], serde_json::json!(7.0));
        // A bad number names its column.
        let err = water::enter(
            db,
            &keeper,
            ImportKind::Rainfall,
            vec!["ایستگاه آزمایشی".into(), "1403/08/02".into(), "زیاد".into()],
        )
        .await
        .err()
        .unwrap();
        assert!(
            matches!(err, AppError::Validation { ref field, .. } if field == "بارش"),
            "{err:?}"
        );
        assert_eq!(
            water::enter(
                db,
                &news,
                ImportKind::Rainfall,
                vec!["ایستگاه آزمایشی".into(), "1403/08/02".into(), "1".into()]
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
    }
}

#[tokio::test]
async fn water_year_figures_compare_with_last_year_and_the_average() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        station(db, &admin, "الف").await;
        station(db, &admin, "بید").await;
        // Water year 1401 (earlier), 1402 (last year) and 1403 (this year), around 1 Mehr.
        for (day, mm) in [
            ("1401/07/05", "10"),
            ("1402/06/31", "99"), // the last day of water year 1401: not in any span below
            ("1402/07/01", "20"), // the first day of water year 1402
            ("1402/08/20", "30"), // after the span (to 8/10): counts for the year, not the span
            ("1403/07/01", "4"),
            ("1403/08/10", "6"),
            ("1403/08/11", "50"), // after the day asked for
        ] {
            rain(db, &admin, "الف", day, mm).await;
        }
        rain(db, &admin, "بید", "1403/07/15", "2").await;
        let r = water::rain_gauges(db, j("1403/08/10")).await.unwrap();
        assert_eq!(r.water_year, 1403);
        let a = r.stations.iter().find(|s| s.name == "الف").unwrap();
        assert_eq!(a.total_mm, Some(10.0), "{}", t.name);
        assert_eq!(a.last_year_mm, Some(20.0));
        // Earlier years on record: 1401 (10 + 0: 99 fell after its span) and 1402 (20).
        assert_eq!(a.average_mm, Some(15.0));
        let b = r.stations.iter().find(|s| s.name == "بید").unwrap();
        assert_eq!(
            (b.total_mm, b.last_year_mm, b.average_mm),
            (Some(2.0), None, None)
        );

        // The dashboard: the mean of the active stations.
        let d = water::dashboard(db, j("1403/08/10")).await.unwrap();
        assert_eq!(d.rainfall_mm, Some(6.0));
        // Compared over the stations with both figures: only الف (10 against 20).
        assert_eq!(
            (d.rainfall_vs_last_year_mm, d.rainfall_last_year_mm),
            (Some(10.0), Some(20.0))
        );
        assert_eq!(
            (d.rainfall_vs_average_mm, d.rainfall_average_mm),
            (Some(10.0), Some(15.0))
        );
        assert_eq!(d.stations, 2);
        // The week's movers: station الف had 6 mm on 1403/08/10.
        assert_eq!(
            d.movers.first().map(|m| (m.name.as_str(), m.change)),
            Some(("الف", 6.0))
        );

        // A leap Esfand: 30 Esfand 1403 compares with 29 Esfand 1402.
        rain(db, &admin, "بید", "1402/12/29", "3").await;
        rain(db, &admin, "بید", "1403/12/30", "5").await;
        let id = r.stations.iter().find(|s| s.name == "بید").unwrap().id;
        let b = water::station(db, id, j("1403/12/30")).await.unwrap();
        assert_eq!(b.status.total_mm, Some(7.0));
        assert_eq!(b.status.last_year_mm, Some(3.0));
        assert_eq!(
            b.cumulative.last(),
            Some(&(179, 7.0)),
            "30 Esfand is day 179"
        );

        // Dams: storage on the day, against the same day last year; flows since 1 Mehr.
        water::save_dam(
            db,
            &admin,
            &DamInput {
                name: "سد آزمایشی".into(),
                river: "قمرود".into(),
                county: "قم".into(),
                capacity: "200".into(),
                dead_storage: "10".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for (day, storage, inflow, outflow) in [
            ("1402/08/10", "80", "1", "2"),
            ("1403/07/01", "95", "3", "1"),
            ("1403/08/09", "100", "2", "0.5"),
        ] {
            water::enter(
                db,
                &admin,
                ImportKind::Dam,
                vec![
                    "سد آزمایشی".into(),
                    day.into(),
                    storage.into(),
                    inflow.into(),
                    outflow.into(),
                    String::new(),
                ],
            )
            .await
            .unwrap();
        }
        let dam = water::dams(db, j("1403/08/10")).await.unwrap().remove(0);
        assert_eq!(
            (dam.storage, dam.storage_last_year),
            (Some(100.0), Some(80.0)),
            "{}",
            t.name
        );
        assert_eq!(dam.fill_percent(), Some(50.0));
        assert_eq!((dam.inflow, dam.outflow), (5.0, 1.5));
        assert_eq!(
            (dam.inflow_last_year, dam.outflow_last_year),
            (Some(1.0), Some(2.0))
        );
        let d = water::dashboard(db, j("1403/08/10")).await.unwrap();
        assert_eq!(
            (d.storage, d.capacity, d.storage_last_year),
            (Some(100.0), 200.0, Some(80.0))
        );
    }
}

const GOOD: &str = "\u{feff}ایستگاه,تاریخ,بارش\r\nالف,۱۴۰۳/۰۸/۰۱,۱۲٫۵\r\nالف,1403/08/02,0\r\nبید,1403/08/01,3.25\r\n";

#[tokio::test]
async fn a_file_with_problems_changes_nothing_and_commits_are_undoable() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        station(db, &admin, "الف").await;
        station(db, &admin, "بید").await;
        rain(db, &admin, "الف", "1403/08/01", "1").await;
        let count = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                open::rainfall(&db, None, &open::Range::default())
                    .await
                    .unwrap()
                    .rows
            }
        };

        // Problems: an unknown station, an impossible date, a non-number, a duplicate.
        let bad = "ایستگاه;تاریخ;بارش\nالف;1403/08/05;2\nج;1403/08/05;1\nبید;1403/13/01;1\nبید;1403/08/06;زیاد\nالف;۱۴۰۳/۰۸/۰۵;4\n";
        let id = import::stage(db, &admin, "bad.csv", bad.as_bytes())
            .await
            .unwrap();
        let p = import::preview(db, &admin, id).await.unwrap();
        assert_eq!(p.kind, ImportKind::Rainfall);
        let found: Vec<(usize, &str)> = p
            .problems
            .iter()
            .map(|x| (x.row, x.column.as_str()))
            .collect();
        assert_eq!(
            found,
            [(3, "ایستگاه"), (4, "تاریخ"), (5, "بارش"), (6, "تاریخ")],
            "{}: {:?}",
            t.name,
            p.problems
        );
        assert!(p.problems[0].message.contains("«ج»"));
        assert!(matches!(
            import::commit(db, &admin, id).await,
            Err(AppError::Validation { .. })
        ));
        assert_eq!(count(db).await.len(), 1, "nothing stored");

        // A good file (BOM, Persian digits and decimal sign): previewed, then committed.
        let id = import::stage(db, &admin, "هفته.csv", GOOD.as_bytes())
            .await
            .unwrap();
        let p = import::preview(db, &admin, id).await.unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!((p.rows, p.new_rows, p.changed_rows), (3, 2, 1));
        assert_eq!(p.sample[0], ["الف", "۱۴۰۳/۰۸/۰۱", "۱۲٫۵"]);
        import::commit(db, &admin, id).await.unwrap();
        assert!(
            matches!(
                import::commit(db, &admin, id).await,
                Err(AppError::Validation { .. })
            ),
            "once only"
        );
        let rows = count(db).await;
        assert_eq!(rows.len(), 3);
        let mm = |rows: &[Vec<serde_json::Value>], station: &str, day: &str| {
            rows.iter()
                .find(|r| r[1] == station && r[2] == day)
                .map(|r| r[4].as_f64().unwrap())
        };
        assert_eq!(mm(&rows, "الف", "1403/08/01"), Some(12.5));

        // A second import changes one value; only the latest can be undone.
        let second = "station,date,mm\nالف,1403/08/01,20\n";
        let id2 = import::stage(db, &admin, "second.csv", second.as_bytes())
            .await
            .unwrap();
        import::commit(db, &admin, id2).await.unwrap();
        assert!(matches!(
            import::undo(db, &admin, id).await,
            Err(AppError::Validation { .. })
        ));
        import::undo(db, &admin, id2).await.unwrap();
        assert_eq!(mm(&count(db).await, "الف", "1403/08/01"), Some(12.5));
        // Then the first: its new rows go and the hand-entered value comes back.
        import::undo(db, &admin, id).await.unwrap();
        let rows = count(db).await;
        assert_eq!(rows.len(), 1, "{}", t.name);
        assert_eq!(mm(&rows, "الف", "1403/08/01"), Some(1.0));
        let recent = import::recent(db, &admin).await.unwrap();
        assert_eq!(
            recent.iter().map(|r| r.state.as_str()).collect::<Vec<_>>(),
            ["undone", "undone", "staged"]
        );

        // Unknown headers and empty files are refused outright, with a Persian message.
        assert!(matches!(
            import::stage(db, &admin, "x.csv", b"a,b,c\n1,2,3\n").await,
            Err(AppError::Validation { .. })
        ));
        assert!(matches!(
            import::stage(db, &admin, "x.csv", b"").await,
            Err(AppError::Validation { .. })
        ));
        // Only the water custodian (and the administrator) imports.
        let news = common::custodian_of(db, &admin, 1, "news").await;
        assert_eq!(
            import::stage(db, &news, "x.csv", GOOD.as_bytes())
                .await
                .err(),
            Some(AppError::Forbidden)
        );
    }
}

#[tokio::test]
async fn excel_files_import_like_csv() {
    let t = common::sqlite().await;
    let db = &t.conn;
    let admin = admin(db).await;
    water::save_dam(
        db,
        &admin,
        &DamInput {
            name: "سد کبار".into(),
            river: "کبار".into(),
            county: "کهک".into(),
            capacity: "1.2".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["سد", "تاریخ", "حجم", "ورودی", "خروجی", "تراز"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "سد کبار").unwrap();
    sheet.write_string(1, 1, "1403/08/01").unwrap();
    sheet.write_number(1, 2, 0.75).unwrap();
    sheet.write_number(1, 3, 0.01).unwrap();
    sheet.write_number(1, 4, 0).unwrap();
    sheet.write_number(1, 5, 1502.5).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let id = import::stage(db, &admin, "dams.xlsx", &bytes)
        .await
        .unwrap();
    let p = import::preview(db, &admin, id).await.unwrap();
    assert_eq!(
        (p.kind, p.rows, p.problems.len()),
        (ImportKind::Dam, 1, 0),
        "{:?}",
        p.problems
    );
    import::commit(db, &admin, id).await.unwrap();
    let table = open::dam_readings(db, None, &open::Range::default())
        .await
        .unwrap();
    assert_eq!(
        table.rows[0][4..],
        [
            serde_json::json!(0.75),
            serde_json::json!(0.01),
            serde_json::json!(0.0),
            serde_json::json!(1502.5)
        ]
    );
}

#[tokio::test]
async fn open_data_filters_and_writes_csv_for_excel() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let id = station(db, &admin, "الف، مرکزی").await;
        station(db, &admin, "بید").await;
        for (s, day) in [
            ("الف، مرکزی", "1403/07/30"),
            ("الف، مرکزی", "1403/08/01"),
            ("بید", "1403/08/01"),
        ] {
            rain(db, &admin, s, day, "2").await;
        }
        let range = open::Range::parse(Some("۱۴۰۳/۰۸/۰۱"), None).unwrap();
        let table = open::rainfall(db, Some(id), &range).await.unwrap();
        assert_eq!(table.rows.len(), 1, "{}", t.name);
        let json = table.to_json();
        assert_eq!(json[0]["date_jalali"], "1403/08/01");
        assert_eq!(json[0]["date"], "2024-10-22");
        assert_eq!(json[0]["station"], "الف، مرکزی");
        let csv = table.to_csv();
        assert!(csv.starts_with("\u{feff}station_id,station,date_jalali,date,mm\r\n"));
        assert!(
            csv.contains(",الف، مرکزی,1403/08/01,2024-10-22,2.0\r\n"),
            "{csv}"
        );
        assert_eq!(
            open::rainfall(db, Some(9999), &range).await.err(),
            Some(AppError::NotFound)
        );
        assert!(matches!(
            open::Range::parse(Some("1403/13/01"), None),
            Err(AppError::Validation { .. })
        ));
    }
}

#[tokio::test]
async fn the_weekly_bulletin_is_previewed_then_published() {
    use app::server::services::water::bulletin;
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        station(db, &admin, "الف").await;
        station(db, &admin, "بید").await;
        // The week of Saturday 1403/08/12 to Friday 1403/08/18.
        for (s, day, mm) in [
            ("الف", "1403/08/11", "9"),
            ("الف", "1403/08/12", "2"),
            ("الف", "1403/08/18", "3"),
            ("بید", "1403/08/19", "7"),
        ] {
            rain(db, &admin, s, day, mm).await;
        }
        let anon = Acting::anonymous(None);
        assert_eq!(
            bulletin::bulletin(db, &anon, j("1403/08/15").unwrap())
                .await
                .err(),
            Some(AppError::NotFound),
            "{}: unpublished",
            t.name
        );
        let b = bulletin::bulletin(db, &admin, j("1403/08/15").unwrap())
            .await
            .unwrap();
        assert_eq!(
            (b.week_start.as_str(), b.week_end.as_str()),
            ("1403/08/12", "1403/08/18")
        );
        let week: Vec<(String, f64)> = b
            .stations
            .iter()
            .map(|s| (s.name.clone(), s.week_mm))
            .collect();
        assert_eq!(week, [("الف".to_string(), 5.0), ("بید".to_string(), 0.0)]);
        assert_eq!(b.rainfall_week_mm, Some(2.5));
        assert_eq!(b.stations[0].total_mm, Some(14.0), "to the week's end");
        assert!(b.published_at.is_none() && b.may_publish);

        bulletin::publish(db, &admin, j("1403/08/13").unwrap())
            .await
            .unwrap();
        bulletin::publish(db, &admin, j("1403/08/14").unwrap())
            .await
            .unwrap();
        let list = bulletin::published(db).await.unwrap();
        assert_eq!(list.len(), 1, "one row a week");
        let b = bulletin::bulletin(db, &anon, j("1403/08/18").unwrap())
            .await
            .unwrap();
        assert!(b.published_at.is_some() && !b.may_publish);
        // A week not over yet cannot be published; only the custodian publishes.
        let next_week = water::year::add_days(water::year::today(), 7);
        assert!(matches!(
            bulletin::publish(db, &admin, next_week).await,
            Err(AppError::Validation { .. })
        ));
        assert_eq!(
            bulletin::publish(db, &anon, j("1403/09/01").unwrap())
                .await
                .err(),
            Some(AppError::Unauthenticated)
        );
    }
}

#[tokio::test]
async fn water_reports_are_documents_of_the_water_section() {
    use app::model::{ContentKind, ContentState, Visibility};
    use app::server::services::content::{self, Draft, ListFilter, Transition};
    use std::collections::BTreeMap;
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let news = common::custodian_of(db, &admin, 1, "news").await;
        let keeper = common::custodian_of(db, &admin, 2, "water").await;
        let draft = Draft {
            title: "سیمای آب استان، سال آبی ۱۴۰۳–۱۴۰۴".into(),
            body: "<p>خلاصه‌ی گزارش</p>".into(),
            fields: BTreeMap::from([
                ("subkind".into(), "water_profile".into()),
                ("ref_date".into(), "۱۴۰۴/۰۷/۱۵".into()),
            ]),
            ..Default::default()
        };
        assert_eq!(
            content::create(db, &news, ContentKind::Report, &draft, None)
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        let id = content::create(db, &keeper, ContentKind::Report, &draft, None)
            .await
            .unwrap();
        // The water section publishes directly (no review by default).
        content::transition(db, &keeper, id, Transition::Publish, "")
            .await
            .unwrap();
        let list = content::public_list(
            db,
            ContentKind::Report,
            &ListFilter {
                subkind: Some("water_profile".into()),
                ..Default::default()
            },
            Visibility::Public,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(list.items.len(), 1, "{}", t.name);
        let editor = content::editor(db, &keeper, id).await.unwrap();
        assert_eq!(editor.state, ContentState::Published);
    }
}
