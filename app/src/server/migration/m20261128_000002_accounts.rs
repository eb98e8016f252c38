//! Accounts: the registration profile on `users`, the sections (as data), ticket/form
//! categories, custodian appointments with their qualification checklist, expert
//! assignments, database sessions, shared rate-limit counters and the append-only audit log.

use super::columns::{fk, id, instant, instant_null, int, int_null, text, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    NationalId,
    Mobile,
    Email,
    RejectionReason,
    ReviewedBy,
    ReviewedAt,
}

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
    Title,
    SortOrder,
    ReviewRequired,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Title,
    SectionKey,
    Active,
    SortOrder,
}

#[derive(DeriveIden)]
enum QualificationItems {
    Table,
    Id,
    Title,
    SortOrder,
    Active,
}

#[derive(DeriveIden)]
enum CustodianAppointments {
    Table,
    Id,
    UserId,
    SectionKey,
    Status,
    NominatedBy,
    NominatedAt,
    AppointedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum AppointmentSteps {
    Table,
    Id,
    AppointmentId,
    Step,
    ItemId,
    Note,
    ActorId,
    At,
}

#[derive(DeriveIden)]
enum AppointmentChecks {
    Table,
    AppointmentId,
    ItemId,
    DoneBy,
    DoneAt,
}

#[derive(DeriveIden)]
enum ExpertAssignments {
    Table,
    UserId,
    CategoryId,
    AssignedBy,
    AssignedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorName,
    Action,
    SectionKey,
    TargetKind,
    TargetId,
    Summary,
    Ip,
}

/// The sections of the portal. Permissions are asked per section, so they are rows.
pub const SECTIONS: &[(&str, &str)] = &[
    ("laws", "قوانین و مقررات"),
    ("services", "شناسنامه خدمات"),
    ("news", "اخبار و اطلاعیه‌ها"),
    ("tenders", "مناقصه‌ها و مزایده‌ها"),
    ("events", "رویدادها"),
    ("faq", "پرسش‌های متداول"),
    ("links", "پیوندها"),
    ("water", "آمار منابع آب"),
    ("contact", "ارتباط با ما"),
    ("counter_offices", "دفاتر پیشخوان"),
    ("tickets", "تیکت‌ها"),
    ("messages", "پیشنهادها و انتقادها"),
    ("forms", "فرم‌های پیشرفته"),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            text_null(Users::NationalId),
            text_null(Users::Mobile),
            text_null(Users::Email),
            ColumnDef::new(Users::RejectionReason)
                .text()
                .null()
                .to_owned(),
            int_null(Users::ReviewedBy),
            instant_null(Users::ReviewedAt),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        for (name, col) in [
            ("idx_users_national_id", Users::NationalId),
            ("idx_users_email", Users::Email),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Users::Table)
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Sections::Table)
                    .col(text(Sections::Key).primary_key().to_owned())
                    .col(text(Sections::Title))
                    .col(int(Sections::SortOrder))
                    .col(
                        ColumnDef::new(Sections::ReviewRequired)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table(Sections::Table).columns([
            Sections::Key,
            Sections::Title,
            Sections::SortOrder,
            Sections::ReviewRequired,
        ]);
        for (i, (key, title)) in SECTIONS.iter().enumerate() {
            insert.values_panic([
                (*key).into(),
                (*title).into(),
                (i as i32 + 1).into(),
                false.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(id(Categories::Id))
                    .col(text(Categories::Title))
                    .col(text(Categories::SectionKey))
                    .col(
                        ColumnDef::new(Categories::Active)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(int(Categories::SortOrder))
                    .foreign_key(&mut fk(
                        "fk_categories_section",
                        (Categories::Table, Categories::SectionKey),
                        (Sections::Table, Sections::Key),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        // The subjects citizens most often write to a regional water company about.
        let mut insert = Query::insert();
        insert.into_table(Categories::Table).columns([
            Categories::Title,
            Categories::SectionKey,
            Categories::SortOrder,
        ]);
        for (i, (title, section)) in [
            ("پروانه چاه و مجوز بهره‌برداری", "tickets"),
            ("حریم و بستر رودخانه‌ها", "tickets"),
            ("حقابه و تخصیص آب", "tickets"),
            ("گزارش برداشت غیرمجاز آب", "tickets"),
            ("پرسش عمومی", "tickets"),
            ("پرسش از کارشناس (فرم‌های پیشرفته)", "forms"),
        ]
        .iter()
        .enumerate()
        {
            insert.values_panic([(*title).into(), (*section).into(), (i as i32 + 1).into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(QualificationItems::Table)
                    .col(id(QualificationItems::Id))
                    .col(text(QualificationItems::Title))
                    .col(int(QualificationItems::SortOrder))
                    .col(
                        ColumnDef::new(QualificationItems::Active)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert
            .into_table(QualificationItems::Table)
            .columns([QualificationItems::Title, QualificationItems::SortOrder]);
        for (i, title) in [
            "دوره‌ی آموزشی کار با پرتال را گذرانده است",
            "شرح وظایف متولی بخش را پذیرفته است",
            "دوره‌ی آزمایشی او بررسی و تأیید شده است",
        ]
        .iter()
        .enumerate()
        {
            insert.values_panic([(*title).into(), (i as i32 + 1).into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(CustodianAppointments::Table)
                    .col(id(CustodianAppointments::Id))
                    .col(int(CustodianAppointments::UserId))
                    .col(text(CustodianAppointments::SectionKey))
                    .col(text(CustodianAppointments::Status))
                    .col(int(CustodianAppointments::NominatedBy))
                    .col(instant(CustodianAppointments::NominatedAt))
                    .col(instant_null(CustodianAppointments::AppointedAt))
                    .col(instant_null(CustodianAppointments::EndedAt))
                    .foreign_key(&mut fk(
                        "fk_appointments_user",
                        (CustodianAppointments::Table, CustodianAppointments::UserId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_appointments_section",
                        (
                            CustodianAppointments::Table,
                            CustodianAppointments::SectionKey,
                        ),
                        (Sections::Table, Sections::Key),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_appointments_user")
                    .table(CustodianAppointments::Table)
                    .col(CustodianAppointments::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppointmentSteps::Table)
                    .col(id(AppointmentSteps::Id))
                    .col(int(AppointmentSteps::AppointmentId))
                    .col(text(AppointmentSteps::Step))
                    .col(int_null(AppointmentSteps::ItemId))
                    .col(ColumnDef::new(AppointmentSteps::Note).text().null())
                    .col(int(AppointmentSteps::ActorId))
                    .col(instant(AppointmentSteps::At))
                    .foreign_key(&mut fk(
                        "fk_steps_appointment",
                        (AppointmentSteps::Table, AppointmentSteps::AppointmentId),
                        (CustodianAppointments::Table, CustodianAppointments::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppointmentChecks::Table)
                    .col(int(AppointmentChecks::AppointmentId))
                    .col(int(AppointmentChecks::ItemId))
                    .col(int(AppointmentChecks::DoneBy))
                    .col(instant(AppointmentChecks::DoneAt))
                    .primary_key(
                        Index::create()
                            .col(AppointmentChecks::AppointmentId)
                            .col(AppointmentChecks::ItemId),
                    )
                    .foreign_key(&mut fk(
                        "fk_checks_appointment",
                        (AppointmentChecks::Table, AppointmentChecks::AppointmentId),
                        (CustodianAppointments::Table, CustodianAppointments::Id),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_checks_item",
                        (AppointmentChecks::Table, AppointmentChecks::ItemId),
                        (QualificationItems::Table, QualificationItems::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExpertAssignments::Table)
                    .col(int(ExpertAssignments::UserId))
                    .col(int(ExpertAssignments::CategoryId))
                    .col(int(ExpertAssignments::AssignedBy))
                    .col(instant(ExpertAssignments::AssignedAt))
                    .primary_key(
                        Index::create()
                            .col(ExpertAssignments::UserId)
                            .col(ExpertAssignments::CategoryId),
                    )
                    .foreign_key(&mut fk(
                        "fk_experts_user",
                        (ExpertAssignments::Table, ExpertAssignments::UserId),
                        (Users::Table, Users::Id),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_experts_category",
                        (ExpertAssignments::Table, ExpertAssignments::CategoryId),
                        (Categories::Table, Categories::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(text(Sessions::Id).primary_key().to_owned())
                    .col(int(Sessions::UserId))
                    .col(instant(Sessions::CreatedAt))
                    .col(instant(Sessions::ExpiresAt))
                    .col(instant(Sessions::LastSeenAt))
                    .col(text_null(Sessions::Ip))
                    .col(text_null(Sessions::UserAgent))
                    .foreign_key(&mut fk(
                        "fk_sessions_user",
                        (Sessions::Table, Sessions::UserId),
                        (Users::Table, Users::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(text(RateLimits::Bucket))
                    .col(
                        ColumnDef::new(RateLimits::WindowStart)
                            .big_integer()
                            .not_null(),
                    )
                    .col(int(RateLimits::Hits))
                    .primary_key(
                        Index::create()
                            .col(RateLimits::Bucket)
                            .col(RateLimits::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(id(AuditLog::Id))
                    .col(instant(AuditLog::At))
                    .col(int_null(AuditLog::ActorId))
                    .col(text(AuditLog::ActorName))
                    .col(text(AuditLog::Action))
                    .col(text_null(AuditLog::SectionKey))
                    .col(text_null(AuditLog::TargetKind))
                    .col(text_null(AuditLog::TargetId))
                    .col(ColumnDef::new(AuditLog::Summary).text().not_null())
                    .col(text_null(AuditLog::Ip))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        // The audit log is append-only in the database itself, not only in the code.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql;
                     CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log; \
                     DROP FUNCTION IF EXISTS audit_log_is_append_only();",
                )
                .await?;
        }
        for table in [
            AuditLog::Table.into_iden(),
            RateLimits::Table.into_iden(),
            Sessions::Table.into_iden(),
            ExpertAssignments::Table.into_iden(),
            AppointmentChecks::Table.into_iden(),
            AppointmentSteps::Table.into_iden(),
            CustodianAppointments::Table.into_iden(),
            QualificationItems::Table.into_iden(),
            Categories::Table.into_iden(),
            Sections::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for name in ["idx_users_national_id", "idx_users_email"] {
            manager
                .drop_index(Index::drop().name(name).table(Users::Table).to_owned())
                .await?;
        }
        for col in [
            Users::NationalId,
            Users::Mobile,
            Users::Email,
            Users::RejectionReason,
            Users::ReviewedBy,
            Users::ReviewedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
