//! The three kinds edited with a form of their fields: organizations, directives (with the
//! directives each implements, typed by symbol one a line) and localities (admins only: the
//! registry refuses anyone else).

use rocket::form::Form;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::{Db, DbConnection};
use crate::error::{ApiResult, FieldErrors};
use crate::messages::form_words::F;
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Msg;
use crate::models::directive::{self, Directive, DirectiveInput};
use crate::models::enums::{DirectiveKind, LocalityLevel, OrganizationKind};
use crate::models::locality::{self, Locality, LocalityInput};
use crate::models::organization::{self, Organization, OrganizationInput};
use crate::text;
use crate::web::form::{shown_date, Text};
use crate::web::page::{Ctx, Page};
use crate::web::register::draft::Pick;
use crate::web::register::picks::{self, Places, Sort};
use crate::web::staff::Writer;

use super::{form_page, new_page, save, value, Control, Editable, Field, Values};

/// A record chosen by name in the form (`{base}_text`…), resolved and marked in `values`; a
/// name that fits none or several is said under `{base}_id`.
fn picked(
    c: &mut DbConnection,
    values: &mut Values,
    base: &str,
    sort: Sort,
    errs: &mut FieldErrors,
) -> ApiResult<Option<i64>> {
    let at = |p: &str| format!("{base}_{p}");
    let mut pick = Pick {
        text: value(values, &at("text")).into(),
        id: value(values, &at("id")).into(),
        chosen: value(values, &at("chosen")).into(),
    };
    // One of the candidates the form offered, chosen.
    if let Some(id) = values.get(&at("pick")).filter(|p| !p.trim().is_empty()) {
        pick.id = id.as_str().into();
        pick.chosen = pick.text.clone();
    }
    let look = picks::look_pick(c, &mut Places::default(), &mut pick, sort)?;
    picks::say_unresolved(look.as_ref(), at("id"), errs);
    values.insert(at("id"), pick.id.0.clone());
    values.insert(at("chosen"), pick.chosen.0.clone());
    Ok(pick.chosen_id())
}

/// The form's values of a pick already made.
fn pick_values(values: &mut Values, base: &str, chosen: Option<(i64, String)>) {
    let (id, name) = chosen.map(|(id, name)| (id.to_string(), name)).unwrap_or_default();
    values.insert(format!("{base}_text"), name.clone());
    values.insert(format!("{base}_id"), id);
    values.insert(format!("{base}_chosen"), name);
}

fn optional(values: &Values, name: &str) -> Option<String> {
    Text::from(value(values, name)).optional()
}

fn lines(values: &Values, name: &str) -> Vec<String> {
    value(values, name).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

fn options<E: Label>(ctx: &Ctx, all: &[E], as_str: fn(E) -> &'static str) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&e| (as_str(e), e.label(ctx.lang))).collect()
}

impl Editable for Organization {
    const FIELDS: &'static [Field] = &[
        Field { key: "name", word: F::Name, control: Control::Text },
        Field { key: "short_name", word: F::ShortName, control: Control::Text },
        Field { key: "aliases", word: F::Aliases, control: Control::Lines },
        Field { key: "kind", word: F::Kind, control: Control::Choice { optional: false } },
        Field { key: "locality_id", word: F::Locality, control: Control::Pick(Sort::Locality) },
        Field { key: "parent_id", word: F::Parent, control: Control::Pick(Sort::Organization) },
    ];
    const EDIT: F = F::EditOrganization;
    const NEW: F = F::NewOrganization;
    const LIST: W = W::Organizations;

    fn values(c: &mut DbConnection, id: i64) -> ApiResult<Values> {
        let o = organization::get(c, id)?;
        let mut values = Values::new();
        values.insert("name".into(), o.name);
        values.insert("short_name".into(), o.short_name.unwrap_or_default());
        values.insert("aliases".into(), o.aliases.join("\n"));
        values.insert("kind".into(), o.kind.as_str().into());
        let place = o.locality_id.map(|l| locality::get(c, l).map(|l| (l.id, l.name))).transpose()?;
        pick_values(&mut values, "locality", place);
        let parent = o.parent_id.map(|p| organization::get(c, p).map(|p| (p.id, p.name))).transpose()?;
        pick_values(&mut values, "parent", parent);
        Ok(values)
    }

    fn input(c: &mut DbConnection, values: &mut Values, errs: &mut FieldErrors) -> ApiResult<OrganizationInput> {
        let kind =
            Text::from(value(values, "kind")).choice("kind", OrganizationKind::parse, OrganizationKind::allowed, errs);
        Ok(OrganizationInput {
            name: value(values, "name").to_string(),
            short_name: optional(values, "short_name"),
            aliases: lines(values, "aliases"),
            kind: kind.unwrap_or(OrganizationKind::Other),
            locality_id: picked(c, values, "locality", Sort::Locality, errs)?,
            parent_id: picked(c, values, "parent", Sort::Organization, errs)?,
        })
    }

    fn options(_key: &str, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        options(ctx, OrganizationKind::ALL, OrganizationKind::as_str)
    }
}

impl Editable for Directive {
    const FIELDS: &'static [Field] = &[
        Field { key: "symbol", word: F::DirectiveSymbol, control: Control::Text },
        Field { key: "kind", word: F::Kind, control: Control::Choice { optional: true } },
        Field { key: "title", word: F::Title, control: Control::Text },
        Field { key: "issuer", word: F::Issuer, control: Control::Text },
        Field { key: "issued_on", word: F::IssuedOn, control: Control::Date },
        Field { key: "term", word: F::Term, control: Control::Text },
        Field { key: "implements", word: F::Implements, control: Control::Lines },
    ];
    const EDIT: F = F::EditDirective;
    const NEW: F = F::NewDirective;
    const LIST: W = W::Directives;

    fn values(c: &mut DbConnection, id: i64) -> ApiResult<Values> {
        let d = directive::get(c, id)?;
        let mut values = Values::new();
        values.insert("symbol".into(), d.symbol);
        values.insert("kind".into(), d.kind.as_str().into());
        values.insert("title".into(), d.title.unwrap_or_default());
        values.insert("issuer".into(), d.issuer.unwrap_or_default());
        values.insert("issued_on".into(), shown_date(d.issued_on).0);
        values.insert("term".into(), d.term.unwrap_or_default());
        let mut above = Vec::new();
        for target in d.implements {
            above.push(directive::get(c, target)?.symbol);
        }
        values.insert("implements".into(), above.join("\n"));
        Ok(values)
    }

    fn input(c: &mut DbConnection, values: &mut Values, errs: &mut FieldErrors) -> ApiResult<DirectiveInput> {
        let kind = Text::from(value(values, "kind"));
        let kind = if kind.is_blank() {
            None
        } else {
            kind.choice("kind", DirectiveKind::parse, DirectiveKind::allowed, errs)
        };
        let mut implements = Vec::new();
        for symbol in lines(values, "implements") {
            match directive::resolve_one(c, &text::clean(&symbol))? {
                Ok(id) => implements.push(id),
                Err(msg) => errs.add("implements", msg),
            }
        }
        Ok(DirectiveInput {
            symbol: value(values, "symbol").to_string(),
            kind,
            title: optional(values, "title"),
            issuer: optional(values, "issuer"),
            issued_on: Text::from(value(values, "issued_on")).date("issued_on", errs),
            term: optional(values, "term"),
            implements,
        })
    }

    fn options(_key: &str, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        options(ctx, DirectiveKind::ALL, DirectiveKind::as_str)
    }
}

impl Editable for Locality {
    const FIELDS: &'static [Field] = &[
        Field { key: "name", word: F::Name, control: Control::Text },
        Field { key: "level", word: F::Level, control: Control::Choice { optional: false } },
        Field { key: "parent_id", word: F::Within, control: Control::Pick(Sort::Locality) },
    ];
    const EDIT: F = F::EditLocality;
    const NEW: F = F::NewLocality;
    const LIST: W = W::Localities;

    fn values(c: &mut DbConnection, id: i64) -> ApiResult<Values> {
        let l = locality::get(c, id)?;
        let mut values = Values::new();
        values.insert("name".into(), l.name);
        values.insert("level".into(), l.level.as_str().into());
        let parent = l.parent_id.map(|p| locality::get(c, p).map(|p| (p.id, p.name))).transpose()?;
        pick_values(&mut values, "parent", parent);
        Ok(values)
    }

    fn input(c: &mut DbConnection, values: &mut Values, errs: &mut FieldErrors) -> ApiResult<LocalityInput> {
        let level =
            Text::from(value(values, "level")).choice("level", LocalityLevel::parse, LocalityLevel::allowed, errs);
        if value(values, "name").trim().is_empty() {
            errs.add("name", Msg::Required);
        }
        Ok(LocalityInput {
            name: value(values, "name").to_string(),
            level: level.unwrap_or(LocalityLevel::Commune),
            parent_id: picked(c, values, "parent", Sort::Locality, errs)?,
        })
    }

    fn options(_key: &str, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        options(ctx, LocalityLevel::ALL, LocalityLevel::as_str)
    }
}

#[get("/organizations/<id>/edit")]
pub async fn organization_form(db: &State<Db>, ctx: Ctx, writer: Writer, id: i64) -> Result<Page, Page> {
    form_page::<Organization>(db, &ctx, &writer, id).await
}

#[post("/organizations/<id>/edit", data = "<form>")]
pub async fn organization_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    id: i64,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    save::<Organization>(db, &ctx, &writer, Some(id), form).await
}

#[get("/directives/<id>/edit")]
pub async fn directive_form(db: &State<Db>, ctx: Ctx, writer: Writer, id: i64) -> Result<Page, Page> {
    form_page::<Directive>(db, &ctx, &writer, id).await
}

#[post("/directives/<id>/edit", data = "<form>")]
pub async fn directive_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    id: i64,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    save::<Directive>(db, &ctx, &writer, Some(id), form).await
}

#[get("/localities/<id>/edit")]
pub async fn locality_form(db: &State<Db>, ctx: Ctx, writer: Writer, id: i64) -> Result<Page, Page> {
    form_page::<Locality>(db, &ctx, &writer, id).await
}

#[post("/localities/<id>/edit", data = "<form>")]
pub async fn locality_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    id: i64,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    save::<Locality>(db, &ctx, &writer, Some(id), form).await
}

#[get("/organizations/new")]
pub async fn new_organization(db: &State<Db>, ctx: Ctx, writer: Writer) -> Result<Page, Page> {
    new_page::<Organization>(db, &ctx, &writer).await
}

#[post("/organizations/new", data = "<form>")]
pub async fn new_organization_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    save::<Organization>(db, &ctx, &writer, None, form).await
}

#[get("/directives/new")]
pub async fn new_directive(db: &State<Db>, ctx: Ctx, writer: Writer) -> Result<Page, Page> {
    new_page::<Directive>(db, &ctx, &writer).await
}

#[post("/directives/new", data = "<form>")]
pub async fn new_directive_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    save::<Directive>(db, &ctx, &writer, None, form).await
}

#[get("/localities/new")]
pub async fn new_locality(db: &State<Db>, ctx: Ctx, writer: Writer) -> Result<Page, Page> {
    new_page::<Locality>(db, &ctx, &writer).await
}

#[post("/localities/new", data = "<form>")]
pub async fn new_locality_post(db: &State<Db>, ctx: Ctx, writer: Writer, form: Form<Values>) -> Result<Redirect, Page> {
    save::<Locality>(db, &ctx, &writer, None, form).await
}
