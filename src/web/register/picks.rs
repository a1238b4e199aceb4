//! Names and symbols as typed, resolved against the registry: each organization field and each
//! directive row of a form becomes an id when exactly one record fits, or the candidates to
//! choose from (each organization with its locality, so that the Women's Union of Quận 11 and
//! that of the city are told apart), or the offer to create what is missing.

use std::collections::HashMap;

use crate::db::DbConnection;
use crate::error::{ApiResult, FieldErrors};
use crate::messages::Msg;
use crate::models::directive;
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::Page;
use crate::text;
use crate::web::register::draft::{DirectiveRow, Pick, Registration};

/// How many candidates a name shows.
const SHOWN: i64 = 8;

/// A record a name or symbol may mean, as a person tells them apart.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// Where it is (the organization's locality and the one above it), or when it was issued.
    pub detail: String,
}

/// What a field's text resolved to.
#[derive(Debug, Clone)]
pub enum Look {
    Chosen(Candidate),
    Several(Vec<Candidate>),
    /// Nothing fits: the message says why.
    NoneFound(Msg),
}

/// Every field's resolution, by the field's slot (`host`, `agreements[0].parties[1].organization`,
/// `agreements[0].directives[0]`).
#[derive(Debug, Default)]
pub struct Looked(pub HashMap<String, Look>);

impl Looked {
    pub fn get(&self, slot: &str) -> Option<&Look> {
        self.0.get(slot)
    }
}

/// Resolves every organization field and directive row of `form`, marking in the form those
/// that became one record.
pub fn look_up(c: &mut DbConnection, form: &mut Registration) -> ApiResult<Looked> {
    let mut looked = Looked::default();
    let mut places = Places::default();
    let mut look = |c: &mut DbConnection, slot: String, pick: &mut Pick, sort: Sort| -> ApiResult<()> {
        if let Some(found) = look_pick(c, &mut places, pick, sort)? {
            looked.0.insert(slot, found);
        }
        Ok(())
    };
    look(c, "locality".into(), &mut form.locality, Sort::Locality)?;
    look(c, "host".into(), &mut form.host, Sort::Organization)?;
    for (i, a) in form.attendees.iter_mut().enumerate() {
        look(c, format!("attendees[{i}].organization"), &mut a.organization, Sort::Organization)?;
    }
    for (i, a) in form.agreements.iter_mut().enumerate() {
        for (j, p) in a.parties.iter_mut().enumerate() {
            look(c, format!("agreements[{i}].parties[{j}].organization"), &mut p.organization, Sort::Organization)?;
        }
    }
    look(c, "new_organization.locality".into(), &mut form.new_organization.locality, Sort::Locality)?;
    for (i, a) in form.agreements.iter_mut().enumerate() {
        for (j, d) in a.directives.iter_mut().enumerate() {
            if let Some(found) = look_directive(c, d)? {
                looked.0.insert(format!("agreements[{i}].directives[{j}]"), found);
            }
        }
    }
    Ok(looked)
}

/// What a picked name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Organization,
    Locality,
}

/// What `pick`'s text resolves to (nothing when blank), marking the pick when it is one record:
/// the only record whose words it has, or the only one of those named just so.
pub fn look_pick(c: &mut DbConnection, places: &mut Places, pick: &mut Pick, sort: Sort) -> ApiResult<Option<Look>> {
    if pick.text.is_blank() {
        *pick = Pick::default();
        return Ok(None);
    }
    if let Some(id) = pick.chosen_id() {
        if let Some(known) = places.candidate(c, sort, id)? {
            return Ok(Some(Look::Chosen(known)));
        }
    }
    pick.id = Default::default();
    let typed = pick.text.trimmed().to_string();
    let mut found = places.named(c, sort, &typed)?;
    let key = text::search_key(&typed);
    let exact: Vec<usize> =
        (0..found.len()).filter(|&i| found[i].1.iter().any(|n| text::search_key(n) == key)).collect();
    let one = match (found.len(), exact.as_slice()) {
        (1, _) => Some(0),
        (_, [only]) => Some(*only),
        _ => None,
    };
    Ok(Some(match one {
        Some(i) => {
            let (chosen, _) = found.remove(i);
            pick.id = chosen.id.to_string().into();
            pick.chosen = typed.as_str().into();
            Look::Chosen(chosen)
        }
        None if found.is_empty() => Look::NoneFound(match sort {
            Sort::Organization => Msg::NoOrganizationMatches(typed),
            Sort::Locality => Msg::NoLocalityMatches(typed),
        }),
        None => Look::Several(found.into_iter().map(|(c, _)| c).collect()),
    }))
}

pub fn look_directive(c: &mut DbConnection, row: &mut DirectiveRow) -> ApiResult<Option<Look>> {
    if row.symbol.is_blank() {
        return Ok(None);
    }
    if let Some(id) = row.chosen_id() {
        if let Ok(d) = directive::get(c, id) {
            return Ok(Some(Look::Chosen(directive_candidate(&d))));
        }
    }
    row.directive_id = Default::default();
    let typed = text::clean(row.symbol.trimmed());
    Ok(Some(match directive::resolve(c, &typed)? {
        Err(why) => Look::NoneFound(Msg::BadSymbol(why)),
        Ok(found) => match found.as_slice() {
            [] => Look::NoneFound(Msg::SymbolNoMatch(typed)),
            [one] => {
                row.directive_id = one.id.to_string().into();
                row.chosen = row.symbol.trimmed().into();
                Look::Chosen(directive_candidate(one))
            }
            several => Look::Several(several.iter().map(directive_candidate).collect()),
        },
    }))
}

fn directive_candidate(d: &directive::Directive) -> Candidate {
    let issued = d.issued_on.map(|on| on.format("%d/%m/%Y").to_string());
    let detail = [d.issuer.clone(), issued, d.title.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    Candidate { id: d.id, name: d.symbol.clone(), detail }
}

/// Records as candidates show them, each locality's place looked up once per form.
#[derive(Default)]
pub struct Places(HashMap<i64, String>);

impl Places {
    /// The record `id` names, if there is one.
    fn candidate(&mut self, c: &mut DbConnection, sort: Sort, id: i64) -> ApiResult<Option<Candidate>> {
        Ok(match sort {
            Sort::Organization => match organization::get(c, id) {
                Ok(o) => Some(self.organization(c, o)?.0),
                Err(_) => None,
            },
            Sort::Locality => match locality::get(c, id) {
                Ok(l) => Some(self.locality(c, l)?.0),
                Err(_) => None,
            },
        })
    }

    /// The records whose words `typed` has, best first, each with the names it goes by.
    pub fn named(&mut self, c: &mut DbConnection, sort: Sort, typed: &str) -> ApiResult<Vec<(Candidate, Vec<String>)>> {
        let page = Page { limit: SHOWN, offset: 0 };
        match sort {
            Sort::Organization => {
                let filter = OrganizationFilter { q: Some(typed.to_string()), ..OrganizationFilter::default() };
                organization::list(c, &filter, page)?.items.into_iter().map(|o| self.organization(c, o)).collect()
            }
            Sort::Locality => {
                let filter = LocalityFilter { q: Some(typed.to_string()), ..LocalityFilter::default() };
                locality::list(c, &filter, page)?.items.into_iter().map(|l| self.locality(c, l)).collect()
            }
        }
    }

    fn organization(&mut self, c: &mut DbConnection, o: Organization) -> ApiResult<(Candidate, Vec<String>)> {
        let detail = match o.locality_id {
            Some(l) => self.place(c, l)?,
            None => String::new(),
        };
        let names = std::iter::once(o.name.clone()).chain(o.short_name).chain(o.aliases).collect();
        Ok((Candidate { id: o.id, name: o.name, detail }, names))
    }

    fn locality(&mut self, c: &mut DbConnection, l: Locality) -> ApiResult<(Candidate, Vec<String>)> {
        let detail = match l.parent_id {
            Some(p) => self.place(c, p)?,
            None => String::new(),
        };
        Ok((Candidate { id: l.id, name: l.name.clone(), detail }, vec![l.name]))
    }

    /// "Quận 11 · TP. Hồ Chí Minh": a locality and the one it lies in (the central level goes
    /// without saying).
    fn place(&mut self, c: &mut DbConnection, id: i64) -> ApiResult<String> {
        if let Some(known) = self.0.get(&id) {
            return Ok(known.clone());
        }
        let l = locality::get(c, id)?;
        let above = match l.parent_id {
            Some(p) => Some(locality::get(c, p)?).filter(|a| a.level != LocalityLevel::Central),
            None => None,
        };
        let words = match above {
            Some(a) => format!("{} · {}", l.name, a.name),
            None => l.name,
        };
        self.0.insert(id, words.clone());
        Ok(words)
    }
}

/// The message of a field whose text resolved to no one record, if it did not.
pub fn say_unresolved(look: Option<&Look>, field: String, errs: &mut FieldErrors) {
    match look {
        Some(Look::Several(_)) => errs.add(field, Msg::SeveralMatch),
        Some(Look::NoneFound(msg)) => errs.add(field, msg.clone()),
        _ => {}
    }
}

/// The messages of the fields whose text resolved to no one record, under the API's names of
/// those fields (`host_id`, `agreements[0].parties[1].organization_id`).
pub fn unresolved(form: &Registration, looked: &Looked, errs: &mut FieldErrors) {
    let mut say = |slot: String, field: String| say_unresolved(looked.get(&slot), field, errs);
    say("locality".into(), "locality_id".into());
    say("host".into(), "host_id".into());
    for i in 0..form.attendees.len() {
        say(format!("attendees[{i}].organization"), format!("attendees[{i}].organization_id"));
    }
    for (i, a) in form.agreements.iter().enumerate() {
        for j in 0..a.parties.len() {
            say(
                format!("agreements[{i}].parties[{j}].organization"),
                format!("agreements[{i}].parties[{j}].organization_id"),
            );
        }
        for j in 0..a.directives.len() {
            say(format!("agreements[{i}].directives[{j}]"), format!("agreements[{i}].directives[{j}].symbol"));
        }
    }
}
