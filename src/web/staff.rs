//! Who may use the pages that write: signed-in editors and admins ([`Writer`]), and admins alone
//! ([`Admin`]). Anyone else signed in is refused (403); anyone not signed in is sent to sign in.
//! What each may write where is still the registry's to say, on every post.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use crate::db::Db;
use crate::models::enums::Role;
use crate::models::record::Record;
use crate::registry;
use crate::web::page::Ctx;
use crate::web::session::{self, SignedIn};

/// A signed-in editor or admin.
pub struct Writer(pub SignedIn);

/// A signed-in admin.
pub struct Admin(pub SignedIn);

async fn signed_in_as(req: &Request<'_>, allowed: &[Role]) -> Outcome<SignedIn, ()> {
    match session::visitor(req).await.0 {
        Some(s) if allowed.contains(&s.user.role) => Outcome::Success(s),
        Some(_) => Outcome::Error((Status::Forbidden, ())),
        None => Outcome::Error((Status::Unauthorized, ())),
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Writer {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        signed_in_as(req, &[Role::Editor, Role::Admin]).await.map(Writer)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        signed_in_as(req, &[Role::Admin]).await.map(Admin)
    }
}

/// The page of record `id` when the person reading it may change it there (it then offers to
/// edit and delete it): an editor inside their locality, an admin anywhere; a viewer never.
pub async fn editable<R: Record>(db: &Db, ctx: &Ctx, id: i64) -> Option<String> {
    let actor = ctx.signed_in.as_ref().filter(|_| ctx.can_write())?.user.actor();
    let allowed = db.run(move |c| registry::may_change::<R>(c, &actor, id).map(|_| ())).await.is_ok();
    allowed.then(|| R::ENTITY.page(id))
}
