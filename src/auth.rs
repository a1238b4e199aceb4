//! Who may do what. Viewers read. Editors also write the records of their locality and of the
//! localities inside it (an editor without a locality writes everywhere); directives, shared by
//! every locality, any editor may add but only an editor for everywhere may change. Admins do
//! everything, and alone manage localities, tokens and deleted records.

use diesel::prelude::*;
use rocket::http::Status;

use crate::db::schema::organizations;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::messages::{Entity, Msg};
use crate::models::enums::Role;
use crate::models::locality_tree;

/// Who is making a change: a token's holder, a person signed in to the pages, or the operator at
/// the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub token_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub role: Role,
    pub locality: Option<i64>,
}

fn forbidden(msg: Msg) -> ApiError {
    ApiError::new(Status::Forbidden, msg)
}

impl Actor {
    /// The operator, acting through a `phoihop` command (named so in the audit trail).
    pub fn operator(name: &str) -> Actor {
        Actor { token_id: None, user_id: None, name: name.to_string(), role: Role::Admin, locality: None }
    }

    /// Whose retry keys a request's key is among: a token's or a signed-in person's (the
    /// operator's commands are not retried).
    pub fn retry_holder(&self) -> Option<String> {
        match (self.token_id, self.user_id) {
            (Some(token), _) => Some(format!("token:{token}")),
            (None, Some(user)) => Some(format!("user:{user}")),
            (None, None) => None,
        }
    }

    pub fn must_be_admin(&self) -> ApiResult<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(forbidden(Msg::AdminOnly))
        }
    }

    /// Whether the actor may write records of this kind at all: asked before the body is read.
    pub fn may_write(&self, entity: Entity) -> ApiResult<()> {
        match (self.role, entity) {
            (Role::Viewer, _) => Err(forbidden(Msg::ReadOnlyRole)),
            (Role::Editor, Entity::Locality) => Err(forbidden(Msg::AdminOnly)),
            _ => Ok(()),
        }
    }

    /// The audit trail is for staff: editors and admins.
    pub fn may_read_audit(&self) -> ApiResult<()> {
        match self.role {
            Role::Viewer => Err(forbidden(Msg::StaffOnly)),
            _ => Ok(()),
        }
    }

    /// Whether the actor may create (`creating`) or change a record of `entity` that belongs to
    /// `locality`.
    pub fn may_change(
        &self,
        conn: &mut DbConnection,
        entity: Entity,
        locality: Option<i64>,
        creating: bool,
    ) -> ApiResult<()> {
        self.may_write(entity)?;
        let Some(own) = self.scope() else { return Ok(()) };
        if entity == Entity::Directive {
            return if creating { Ok(()) } else { Err(forbidden(Msg::SharedRecord)) };
        }
        match locality {
            Some(l) if locality_tree::contains(conn, own, l)? => Ok(()),
            Some(l) => Err(forbidden(Msg::OutsideLocality(l))),
            None => Err(forbidden(Msg::NoLocality)),
        }
    }

    /// The locality the actor's writes are limited to: an editor's; none for an editor without
    /// one or an admin.
    pub fn scope(&self) -> Option<i64> {
        self.locality.filter(|_| self.role != Role::Admin)
    }

    /// Whether the actor may name these organizations (field, organization, whether it leads)
    /// in a record it writes. An editor of a locality names a lead only from inside it; any
    /// other organization from inside it, from a locality that contains it (the city above a
    /// district, the central level), or of no locality (a foreign organization). An organization
    /// of a sibling district or another province takes an editor whose locality holds it.
    pub fn may_name(&self, conn: &mut DbConnection, named: &[(String, i64, bool)], prefix: &str) -> ApiResult<()> {
        let Some(own) = self.scope() else { return Ok(()) };
        let above = locality_tree::chain_up(conn, own)?;
        let mut errors = Vec::new();
        for (field, organization, leads) in named {
            let place: Option<i64> = organizations::table
                .find(organization)
                .select(organizations::locality_id)
                .first::<Option<i64>>(conn)
                .optional()?
                .flatten();
            let allowed = match place {
                None => !leads,
                Some(l) if *leads => locality_tree::contains(conn, own, l)?,
                Some(l) => above.contains(&l) || locality_tree::contains(conn, own, l)?,
            };
            if !allowed {
                let msg = if *leads { Msg::LeadOutsideLocality } else { Msg::PartyOutsideLocality };
                errors.push(FieldError { field: format!("{prefix}{field}"), msg });
            }
        }
        if errors.is_empty() {
            return Ok(());
        }
        let mut refused = forbidden(Msg::NamesOutsideLocality(errors.len()));
        refused.errors = errors;
        Err(refused)
    }
}
