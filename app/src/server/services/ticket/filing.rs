//! The filing desk: tickets filed at the same moment are written in one transaction.
//!
//! A receipt is given only once its ticket is durable. Each commit is flushed to disk on both
//! databases (SQLite `synchronous=FULL`, PostgreSQL `synchronous_commit`). One transaction
//! per ticket meant one flush per ticket, plus eight or nine statements, each its own round
//! trip. Under 64 concurrent filers, throughput held at a few hundred tickets a second, and
//! their wait grew to hundreds of milliseconds.
//!
//! Here each database has a desk. The first filing to arrive finds the desk free and starts
//! a writer. The writer writes it at once, alone. The filings that arrive meanwhile wait and
//! are written together as the next group, up to [`GROUP_MAX`]. A group is one transaction,
//! with one statement per table for the whole group and one flush.
//!
//! What a group cannot change:
//! - A filing refused on its own merits (a closed category, the address's hourly limit) is
//!   refused alone; the others of its group are written.
//! - If the group's transaction fails, each of its filings is tried again on its own
//!   transaction, so one bad filing cannot sink the others. Each gets its own answer.
//! - The writer runs as its own task: a filer who hangs up does not stop the group.

use super::{
    holidays, instant, invalid, mail_of_receipt, TicketReceipt, ATTACHMENT_OWNER, FILE_LIMIT,
    SECTION,
};
use crate::error::{AppError, AppResult};
use crate::model::{PostKind, TicketStatus};
use crate::server::entities::{category, ticket, ticket_post};
use crate::server::services::attachment::{self, Store};
use crate::server::services::audit::{self, Event};
use crate::server::services::{outbox, rate_limit, working_time};
use crate::tracking_code;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};
use tokio::sync::oneshot;

/// The most filings written in one group.
const GROUP_MAX: usize = 64;

/// A ticket as checked, waiting to be written.
pub(super) struct Filing {
    pub name: String,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub category_id: i32,
    pub subject: String,
    pub body: String,
    pub user_id: Option<i32>,
    pub ip: Option<String>,
    pub files: Option<(Store, Vec<attachment::Checked>)>,
}

type Reply = oneshot::Sender<AppResult<TicketReceipt>>;

/// The filings waiting at each database's desk, by [`desk_of`]. A desk is in the map while
/// its writer runs.
type Desks = HashMap<usize, Vec<(Filing, Reply)>>;

static DESKS: LazyLock<Mutex<Desks>> = LazyLock::new(Default::default);

fn desks() -> std::sync::MutexGuard<'static, Desks> {
    DESKS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Which desk serves `db`: one per connection pool (the pool's settings are shared by its
/// handles and live as long as it does).
fn desk_of(db: &DatabaseConnection) -> usize {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            Arc::as_ptr(&db.get_postgres_connection_pool().connect_options()) as *const () as usize
        }
        _ => Arc::as_ptr(&db.get_sqlite_connection_pool().connect_options()) as *const () as usize,
    }
}

/// Leaves the filing at the desk and waits for its receipt (or its refusal).
pub(super) async fn file(db: &DatabaseConnection, filing: Filing) -> AppResult<TicketReceipt> {
    let (reply, receipt) = oneshot::channel();
    let desk = desk_of(db);
    let start_writer = {
        let mut desks = desks();
        match desks.get_mut(&desk) {
            Some(waiting) => {
                waiting.push((filing, reply));
                false
            }
            None => {
                desks.insert(desk, vec![(filing, reply)]);
                true
            }
        }
    };
    if start_writer {
        tokio::spawn(write_while_waiting(db.clone(), desk));
    }
    receipt.await.unwrap_or_else(|_| {
        tracing::error!("the filing desk's writer stopped before answering");
        Err(AppError::Internal)
    })
}

/// Closes the desk if its writer ends any other way than finding no filing waiting (a
/// panic, or its task dropped with the runtime): the filings still waiting are dropped, so
/// their filers get an error instead of waiting for ever. A writer that ended normally has
/// already closed its desk under the lock, and must not close it again: by then a new
/// filing may have opened a new desk under the same key, with a writer of its own.
struct Closing {
    desk: usize,
    closed: bool,
}

impl Drop for Closing {
    fn drop(&mut self) {
        if !self.closed {
            desks().remove(&self.desk);
        }
    }
}

/// Writes the desk's filings group by group until none is waiting.
async fn write_while_waiting(db: DatabaseConnection, desk: usize) {
    let mut closing = Closing {
        desk,
        closed: false,
    };
    loop {
        let group: Vec<(Filing, Reply)> = {
            let mut desks = desks();
            let Some(waiting) = desks.get_mut(&desk) else {
                closing.closed = true;
                return;
            };
            if waiting.is_empty() {
                desks.remove(&desk);
                closing.closed = true;
                return;
            }
            let n = waiting.len().min(GROUP_MAX);
            waiting.drain(..n).collect()
        };
        let (filings, replies): (Vec<Filing>, Vec<Reply>) = group.into_iter().unzip();
        let answers = match write_group(&db, &filings).await {
            Ok(answers) => answers,
            Err(e) if filings.len() > 1 => {
                tracing::warn!(error = %e, filings = filings.len(), "a group of tickets failed; writing each alone");
                let mut answers = Vec::with_capacity(filings.len());
                for f in &filings {
                    answers.push(match write_group(&db, std::slice::from_ref(f)).await {
                        Ok(mut one) => one.pop().unwrap_or(Err(AppError::Internal)),
                        Err(e) => Err(e),
                    });
                }
                answers
            }
            Err(e) => vec![Err(e)],
        };
        if answers.iter().any(|a| a.is_ok()) {
            crate::server::events::changed(&db, SECTION).await;
        }
        for (reply, answer) in replies.into_iter().zip(answers) {
            // A filer who hung up no longer waits; the ticket stands all the same.
            let _ = reply.send(answer);
        }
    }
}

/// Writes a group in one transaction; gives each filing its receipt or its refusal, or
/// fails as a whole (nothing written) on a database error.
async fn write_group(
    db: &DatabaseConnection,
    filings: &[Filing],
) -> AppResult<Vec<AppResult<TicketReceipt>>> {
    let txn = crate::server::db::write_txn(db).await?;
    let categories: HashMap<i32, category::Model> = category::Entity::find()
        .filter(category::Column::Id.is_in(filings.iter().map(|f| f.category_id)))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|c| c.active && c.section_key == SECTION)
        .map(|c| (c.id, c))
        .collect();
    let mut answers: Vec<AppResult<TicketReceipt>> = Vec::with_capacity(filings.len());
    // The filings to write, by their index in `filings`, with their category.
    let mut accepted: Vec<(usize, &category::Model)> = Vec::new();
    for (i, f) in filings.iter().enumerate() {
        let Some(cat) = categories.get(&f.category_id) else {
            answers.push(Err(invalid("دسته", "یکی از دسته‌های فهرست را برگزینید.")));
            continue;
        };
        match rate_limit::charge_address(&txn, "ticket-file", f.ip.as_deref(), FILE_LIMIT).await {
            Ok(()) => {
                accepted.push((i, cat));
                answers.push(Err(AppError::Internal));
            }
            Err(AppError::RateLimited) => answers.push(Err(AppError::RateLimited)),
            Err(e) => return Err(e),
        }
    }
    if accepted.is_empty() {
        txn.commit().await?;
        return Ok(answers);
    }
    let holidays = holidays(&txn).await?;
    let codes = new_codes(&txn, accepted.len()).await?;
    let now = Utc::now();
    let dues: Vec<i64> = accepted
        .iter()
        .map(|(_, cat)| {
            working_time::deadline(now.timestamp(), cat.response_days.max(0) as u32, &holidays)
        })
        .collect();
    let rows = accepted
        .iter()
        .zip(&codes)
        .zip(&dues)
        .map(|((&(i, cat), code), &due)| {
            let f = &filings[i];
            ticket::ActiveModel {
                tracking_code: Set(code.clone()),
                category_id: Set(cat.id),
                section_key: Set(cat.section_key.clone()),
                subject: Set(f.subject.clone()),
                body: Set(f.body.clone()),
                name: Set(f.name.clone()),
                mobile: Set(f.mobile.clone()),
                email: Set(f.email.clone()),
                user_id: Set(f.user_id),
                status: Set(TicketStatus::New.as_str().to_string()),
                assignee_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                due_at: Set(instant(due)),
                answered_at: Set(None),
                closed_at: Set(None),
                rating: Set(None),
                rating_comment: Set(None),
                search_text: Set(crate::persian::text::normalize(&format!(
                    "{code} {} {} {}",
                    f.name, f.subject, f.body
                ))),
                ..Default::default()
            }
        });
    let tickets: HashMap<String, ticket::Model> = ticket::Entity::insert_many(rows)
        .exec_with_returning(&txn)
        .await?
        .into_iter()
        .map(|t| (t.tracking_code.clone(), t))
        .collect();
    let ticket_of = |code: &String| {
        tickets.get(code).ok_or_else(|| {
            tracing::error!("a ticket of the group was not returned by its insert");
            AppError::Internal
        })
    };
    let mut posts = Vec::with_capacity(accepted.len());
    for (&(i, _), code) in accepted.iter().zip(&codes) {
        posts.push(ticket_post::ActiveModel {
            ticket_id: Set(ticket_of(code)?.id),
            kind: Set(PostKind::Citizen.as_str().to_string()),
            author_id: Set(None),
            author_label: Set(filings[i].name.clone()),
            body: Set(filings[i].body.clone()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    let post_of: HashMap<i32, i32> = ticket_post::Entity::insert_many(posts)
        .exec_with_returning(&txn)
        .await?
        .into_iter()
        .map(|p| (p.ticket_id, p.id))
        .collect();
    let mut mails = Vec::new();
    let mut entries = Vec::with_capacity(accepted.len());
    for (&(i, _), code) in accepted.iter().zip(&codes) {
        let f = &filings[i];
        let t = ticket_of(code)?;
        if let Some((store, files)) = &f.files {
            let post = post_of.get(&t.id).copied().ok_or(AppError::Internal)?;
            attachment::attach(&txn, store, ATTACHMENT_OWNER, post, files).await?;
        }
        if let Some(to) = &f.email {
            let (subject, body) = mail_of_receipt(&f.name, &f.subject, code);
            mails.push(outbox::mail(to, &subject, &body));
        }
        entries.push(audit::entry_as(
            f.user_id,
            f.name.clone(),
            f.ip.clone(),
            Event::new("ticket.filed", format!("تیکت تازه: {}", f.subject))
                .section(SECTION)
                .target("ticket", t.id),
        ));
    }
    crate::server::db::insert_all(&txn, mails).await?;
    crate::server::db::insert_all(&txn, entries).await?;
    txn.commit().await?;
    for ((&(i, cat), code), &due) in accepted.iter().zip(&codes).zip(&dues) {
        let f = &filings[i];
        answers[i] = Ok(TicketReceipt {
            tracking_code: code.clone(),
            subject: f.subject.clone(),
            category: cat.title.clone(),
            created_at: now.timestamp(),
            due_at: due,
            emailed: f.email.is_some(),
        });
    }
    Ok(answers)
}

/// `n` new tracking codes, distinct from each other and from every ticket's. A clash of
/// 53-bit random codes is all but impossible; if one happens, that code is drawn again.
async fn new_codes(txn: &crate::server::db::WriteTxn, n: usize) -> AppResult<Vec<String>> {
    let mut codes: Vec<String> = (0..n).map(|_| tracking_code::generate()).collect();
    loop {
        let taken: HashSet<String> = ticket::Entity::find()
            .select_only()
            .column(ticket::Column::TrackingCode)
            .filter(ticket::Column::TrackingCode.is_in(codes.iter().cloned()))
            .into_tuple::<String>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        let mut seen = HashSet::new();
        let mut drawn_again = false;
        for code in codes.iter_mut() {
            if taken.contains(code) || !seen.insert(code.clone()) {
                *code = tracking_code::generate();
                drawn_again = true;
            }
        }
        if !drawn_again {
            return Ok(codes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db;
    use crate::server::services::attachment::Upload;
    use crate::server::services::permission::Acting;
    use crate::server::services::ticket::{self as tickets, Files, NewTicket};

    fn waiting(db: &DatabaseConnection) -> Option<usize> {
        desks().get(&desk_of(db)).map(Vec::len)
    }

    /// Waits (a bounded while) until the desk of `db` has a writer and `n` filings waiting.
    async fn until_waiting(db: &DatabaseConnection, n: usize) {
        for _ in 0..1000 {
            if waiting(db) == Some(n) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        panic!("the desk never had {n} filings waiting: {:?}", waiting(db));
    }

    fn new_ticket(category_id: i32, i: usize) -> NewTicket {
        NewTicket {
            name: format!("شهروند {i}"),
            mobile: format!("0912{:07}", i),
            email: String::new(),
            category_id,
            subject: format!("درخواست شماره {i}"),
            body: "متن درخواست برای آزمون میز ثبت.".into(),
        }
    }

    fn spawn_filing(
        db: &DatabaseConnection,
        ticket: NewTicket,
        store: Option<Store>,
    ) -> tokio::task::JoinHandle<AppResult<TicketReceipt>> {
        let db = db.clone();
        tokio::spawn(async move {
            let files = store.as_ref().map(|store| Files {
                store,
                uploads: vec![Upload {
                    field: "attachments".into(),
                    file_name: "نامه.pdf".into(),
                    bytes: b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec(),
                }],
            });
            tickets::file_with(&db, &Acting::anonymous(None), &ticket, files).await
        })
    }

    /// Holds the turn to write, sends one filing so the desk's writer starts and waits for
    /// the turn with it, then sends `rest`; once they all wait at the desk, gives the turn
    /// back. Returns every filing's answer, the first one's first.
    async fn file_while_held(
        db: &DatabaseConnection,
        first: NewTicket,
        rest: Vec<(NewTicket, Option<Store>)>,
    ) -> Vec<AppResult<TicketReceipt>> {
        let held = db::write_txn(db).await.unwrap();
        let mut filers = vec![spawn_filing(db, first, None)];
        until_waiting(db, 0).await;
        let n = rest.len();
        for (t, store) in rest {
            filers.push(spawn_filing(db, t, store));
        }
        until_waiting(db, n).await;
        held.commit().await.unwrap();
        let mut answers = Vec::new();
        for f in filers {
            answers.push(f.await.unwrap());
        }
        answers
    }

    #[tokio::test]
    async fn filings_that_arrive_together_are_written_as_one_group() {
        let dir = tempfile::tempdir().unwrap();
        let db = db::connect(&format!("sqlite://{}/t.db?mode=rwc", dir.path().display()))
            .await
            .unwrap();
        crate::server::migration::run(&db).await.unwrap();
        let cat = tickets::categories(&db).await.unwrap()[0].id;

        // 18 filings and one for a category that does not exist arrive while the first is
        // being written: they are written as one more group, the odd one refused alone.
        let before = db::writes();
        let mut rest: Vec<_> = (1..19).map(|i| (new_ticket(cat, i), None)).collect();
        rest.insert(7, (new_ticket(9999, 99), None));
        let answers = file_while_held(&db, new_ticket(cat, 0), rest).await;
        // The held transaction, the first filing's, and one for the group.
        assert_eq!(db::writes() - before, 3);
        assert!(
            matches!(&answers[8], Err(AppError::Validation { field, .. }) if field == "دسته"),
            "{:?}",
            answers[8]
        );
        let mut codes = HashSet::new();
        for (i, a) in answers.iter().enumerate().filter(|(i, _)| *i != 8) {
            let receipt = a.as_ref().unwrap();
            let seen = tickets::lookup(&db, None, &receipt.tracking_code)
                .await
                .unwrap();
            assert_eq!(seen.subject, receipt.subject, "filing {i}");
            assert_eq!(seen.posts.len(), 1);
            codes.insert(receipt.tracking_code.clone());
        }
        assert_eq!(codes.len(), 19, "every code is new");

        // A group whose transaction fails (here a file that cannot be stored) is written
        // again one filing at a time: the others are filed, the failing one is refused and
        // leaves nothing behind.
        let broken = Store::new(dir.path().join("t.db").join("uploads"));
        let before = db::writes();
        let answers = file_while_held(
            &db,
            new_ticket(cat, 20),
            vec![
                (new_ticket(cat, 21), None),
                (new_ticket(cat, 22), Some(broken)),
                (new_ticket(cat, 23), None),
            ],
        )
        .await;
        // Held, first, the failed group, then each of its three alone.
        assert_eq!(db::writes() - before, 6);
        assert!(answers[2].is_err());
        for i in [0, 1, 3] {
            assert!(answers[i].is_ok(), "filing {i}: {:?}", answers[i]);
        }
        let tickets = ticket::Entity::find().all(&db).await.unwrap();
        assert_eq!(tickets.len(), 19 + 3);
        assert!(!tickets.iter().any(|t| t.subject.ends_with("22")));
        assert_eq!(waiting(&db), None, "the desk closes when nothing waits");
    }
}
