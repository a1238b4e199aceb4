//! Whether a principal may write a record where it is, and name the organizations it names.

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::record::Record;

/// Whether `actor` may create (`creating`) or change `record`, by its locality.
pub fn allowed<R: Record>(c: &mut DbConnection, actor: &Actor, record: &R, creating: bool) -> ApiResult<()> {
    let locality = record.locality(c)?;
    actor.may_change(c, R::ENTITY, locality, creating)
}

/// Whether `actor` may name the organizations `after` names that `before` (the record as it
/// was; none for a new one) did not, in the same role.
pub fn may_name<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    before: Option<&R>,
    after: &R,
    prefix: &str,
) -> ApiResult<()> {
    let known = before.map(R::organizations_named).unwrap_or_default();
    let added: Vec<(String, i64, bool)> = after
        .organizations_named()
        .into_iter()
        .filter(|(_, org, leads)| !known.iter().any(|(_, o, l)| o == org && l == leads))
        .collect();
    actor.may_name(c, &added, prefix)
}
