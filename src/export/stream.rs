//! An export as an HTTP answer: the file's bytes go out as they are written. The rows are read
//! and written on a connection in a thread of their own ([`Db::detach`]), into a bounded
//! channel of chunks that the answer drains: a slow reader of the file slows the writing, and
//! memory holds a few chunks, whatever the size of the result. Everything that can refuse the
//! export (a filter that cannot be read, a locality that does not exist) is decided before the
//! first byte, so a refusal is an ordinary 4xx.

use std::io::{self, Write};

use diesel::connection::Connection;
use rocket::http::Header;
use rocket::request::Request;
use rocket::response::stream::ByteStream;
use rocket::response::{self, Responder};
use rocket::tokio::sync::{mpsc, oneshot};

use super::Format;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};

const CHUNK: usize = 64 * 1024;
/// Chunks waiting to be sent: at most this many times [`CHUNK`] bytes held per export.
const QUEUED: usize = 8;

/// Where an export writes: chunks handed to the answer as they fill.
pub struct Chunks {
    buf: Vec<u8>,
    tx: mpsc::Sender<Vec<u8>>,
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    /// Sends what is buffered; fails once the answer is gone (the download was cancelled), so
    /// that the export stops reading.
    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx.blocking_send(chunk).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "download cancelled"))
    }
}

/// The answer: a file named for the list or report, in `format`, its bytes as they come.
pub struct Download {
    name: String,
    format: Format,
    body: mpsc::Receiver<Vec<u8>>,
}

impl Download {
    /// Starts an export: `prepare` checks the request and reads what the writing needs (an
    /// error here is the answer); then `write` puts the file into [`Chunks`], in the same read
    /// transaction, so the file is one moment's registry.
    pub async fn start<T, P, F>(db: &Db, name: String, format: Format, prepare: P, write: F) -> ApiResult<Download>
    where
        T: Send + 'static,
        P: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        F: FnOnce(&mut DbConnection, T, &mut Chunks) -> ApiResult<()> + Send + 'static,
    {
        let (tx, body) = mpsc::channel(QUEUED);
        let (ready, prepared) = oneshot::channel::<ApiResult<()>>();
        db.detach(move |conn| {
            let conn = match conn {
                Ok(conn) => conn,
                Err(e) => return drop(ready.send(Err(e))),
            };
            let mut ready = Some(ready);
            let done = conn.transaction::<_, ApiError, _>(|c| {
                snapshot(c)?;
                let plan = prepare(c);
                let plan = match plan {
                    Ok(plan) => plan,
                    Err(e) => {
                        if let Some(ready) = ready.take() {
                            let _ = ready.send(Err(e));
                        }
                        return Ok(());
                    }
                };
                if let Some(ready) = ready.take() {
                    let _ = ready.send(Ok(()));
                }
                let mut out = Chunks { buf: Vec::with_capacity(CHUNK), tx };
                write(c, plan, &mut out)?;
                out.flush().map_err(|_| ApiError::internal())
            });
            if let Err(e) = done {
                tracing::warn!(error = ?e, "export stopped before its end");
            }
        });
        prepared.await.map_err(|_| ApiError::internal())??;
        Ok(Download { name, format, body })
    }
}

/// On PostgreSQL every statement of the export sees the same moment (SQLite's read
/// transaction does so already).
fn snapshot(c: &mut DbConnection) -> ApiResult<()> {
    if let DbConnection::Postgres(_) = c {
        use diesel::RunQueryDsl;
        diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(c)?;
    }
    Ok(())
}

/// `filename*` of RFC 6266 (UTF-8, percent-encoded) beside a plain ASCII `filename`.
fn disposition(name: &str, format: Format) -> String {
    let file = format!("{name}.{}", format.key());
    let plain: String =
        crate::text::search_key(name).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let ascii = format!("{plain}.{}", format.key());
    let encoded: String = file
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

impl<'r> Responder<'r, 'r> for Download {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'r> {
        let mut body = self.body;
        let stream = ByteStream! {
            while let Some(chunk) = body.recv().await {
                yield chunk;
            }
        };
        let mut res = stream.respond_to(req)?;
        res.set_raw_header("Content-Type", self.format.media_type());
        res.set_header(Header::new("Content-Disposition", disposition(&self.name, self.format)));
        res.set_raw_header("Cache-Control", "no-store");
        Ok(res)
    }
}

/// What a request wants of a list or report besides its filters: a file (by `Accept`, or by
/// `?format=`, read in [`Wants::format`]), and the language of its headers and words.
pub struct Wants {
    pub accept: Option<String>,
    pub lang: crate::messages::Lang,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Wants {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        let accept = req.accept().map(|a| a.preferred().media_type().to_string());
        let lang = crate::messages::Lang::negotiate(req.headers().get_one("Accept-Language"));
        rocket::request::Outcome::Success(Wants { accept, lang })
    }
}

impl Wants {
    /// The file asked for, if one is (400 naming `format` for one we do not write).
    pub fn format(&self, params: &crate::api::params::Params) -> ApiResult<Option<Format>> {
        Format::asked(params.text("format"), self.accept.as_deref())
    }

    /// The whole of `listing` as a file in `format`.
    pub async fn list_file(&self, db: &Db, format: Format, listing: super::lists::Listing) -> ApiResult<Download> {
        let lang = self.lang;
        let name = listing.name(lang).to_string();
        let check = move |c: &mut DbConnection| listing.check(c).map(|()| listing);
        Download::start(db, name, format, check, move |c, listing, out| listing.write(c, format, lang, out)).await
    }

    /// An import's template: the resource's columns, no rows.
    pub async fn template_file(
        &self,
        db: &Db,
        format: Format,
        resource: crate::import::Resource,
    ) -> ApiResult<Download> {
        let lang = self.lang;
        let name = resource.template_name(lang);
        let write = move |_: &mut DbConnection, (), out: &mut Chunks| {
            super::write::template(resource.sheet(lang), format, lang, out)
        };
        Download::start(db, name, format, |_| Ok(()), write).await
    }

    /// A report as a file in `format`: `make` reads it (its refusals are the answer).
    pub async fn report_file<M>(&self, db: &Db, format: Format, make: M) -> ApiResult<Download>
    where
        M: FnOnce(&mut DbConnection) -> ApiResult<super::reports::Report> + Send + 'static,
    {
        let lang = self.lang;
        let (tx, rx) = oneshot::channel();
        let named = move |c: &mut DbConnection| {
            let report = make(c)?;
            let _ = tx.send(report.name(lang).to_string());
            Ok((report, super::lists::Names::read(c)?))
        };
        let write = move |_: &mut DbConnection, (report, names): (super::reports::Report, _), out: &mut Chunks| {
            report.write(format, lang, &names, out)
        };
        let started = Download::start(db, String::new(), format, named, write).await?;
        let name = rx.await.unwrap_or_default();
        Ok(Download { name, ..started })
    }
}
