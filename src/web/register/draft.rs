//! The form of an event and the agreements signed at it, as sent, each row as typed: the
//! registration of a ceremony, and the pages that edit an event or an agreement.
//! Its fields are named as the API's (`agreements[0].period.end_year`), so that a message the
//! registry gives about a field lands beside it. Rows are added and removed by buttons that post
//! the form back (the page works without JavaScript); blank rows are dropped before reading.

use rocket::form::FromForm;

use crate::web::form::Text;

pub use super::act::Act;

#[derive(Debug, Clone, Default, FromForm)]
pub struct Registration {
    pub form_token: Text,
    /// One per form shown: a second post of the same form (a double click, a reload) registers
    /// nothing more.
    pub idempotency_key: Text,
    /// The button pressed: `save`, or one that changes the form (see [`Act`]).
    pub act: Text,
    /// The version of the record being edited, as the form read it (none when registering).
    pub version: Text,
    pub kind: Text,
    pub title: Text,
    pub held_on: Text,
    pub place: Text,
    pub locality: Pick,
    pub host: Pick,
    pub attendees: Vec<AttendeeRow>,
    pub source_url: Text,
    pub published_on: Text,
    pub notes: Text,
    pub agreements: Vec<AgreementRows>,
    /// An organization being created from inside the form (`new_organization.slot` names the
    /// field it is for).
    pub new_organization: NewOrganization,
    pub new_directive: NewDirective,
}

/// A record (an organization, a locality) chosen by typing its name: the text, and once one was chosen its id and the
/// text it was chosen for (typing something else chooses again).
#[derive(Debug, Clone, Default, FromForm)]
pub struct Pick {
    pub text: Text,
    pub id: Text,
    pub chosen: Text,
}

impl Pick {
    pub fn is_blank(&self) -> bool {
        self.text.is_blank() && self.id.is_blank()
    }

    /// The id chosen, while the text is still the one it was chosen for.
    pub fn chosen_id(&self) -> Option<i64> {
        let id = self.id.trimmed().parse().ok()?;
        (self.chosen.is_blank() || self.chosen.trimmed() == self.text.trimmed()).then_some(id)
    }

    pub fn set(&mut self, id: i64, name: &str) {
        *self = Pick { text: name.into(), id: Text(id.to_string()), chosen: name.into() };
    }
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct AttendeeRow {
    pub name: Text,
    pub position: Text,
    pub organization: Pick,
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct AgreementRows {
    pub title: Text,
    pub kind: Text,
    pub topic: Text,
    pub period: PeriodRow,
    pub signed_on: Text,
    /// A status a person decides (terminated, superseded), or blank for the one its period gives.
    pub status: Text,
    pub replaces_id: Text,
    pub parties: Vec<PartyRow>,
    pub directives: Vec<DirectiveRow>,
    /// One task per line.
    pub tasks: Text,
    pub source_url: Text,
    pub published_on: Text,
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct PeriodRow {
    pub start_year: Text,
    pub end_year: Text,
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct PartyRow {
    pub organization: Pick,
    pub role: Text,
    pub signatory_name: Text,
    pub signatory_title: Text,
}

/// A directive typed as people write it ("Chỉ thị 12", "12/CT-TW"), and once resolved its id and
/// the text it was resolved from.
#[derive(Debug, Clone, Default, FromForm)]
pub struct DirectiveRow {
    pub symbol: Text,
    pub directive_id: Text,
    pub chosen: Text,
    pub relation: Text,
}

impl DirectiveRow {
    pub fn chosen_id(&self) -> Option<i64> {
        let id = self.directive_id.trimmed().parse().ok()?;
        (self.chosen.is_blank() || self.chosen.trimmed() == self.symbol.trimmed()).then_some(id)
    }

    pub fn set(&mut self, id: i64, symbol: &str) {
        self.symbol = symbol.into();
        self.chosen = symbol.into();
        self.directive_id = Text(id.to_string());
    }
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct NewOrganization {
    /// The field the organization is for (`agreements[0].parties[1].organization`); blank while
    /// none is being created.
    pub slot: Text,
    pub name: Text,
    pub kind: Text,
    pub locality: Pick,
}

#[derive(Debug, Clone, Default, FromForm)]
pub struct NewDirective {
    /// The row the directive is for (`agreements[0].directives[1]`).
    pub slot: Text,
    pub symbol: Text,
    pub kind: Text,
    pub issuer: Text,
    pub issued_on: Text,
    pub title: Text,
}

/// The most rows of each kind a form holds, as the API's limits (an agreement's parties, an
/// event's agreements): a button pressed past them adds nothing.
const MAX_ROWS: usize = 100;

impl Registration {
    /// A new form: one agreement with two parties and a directive row, as most ceremonies have.
    pub fn blank(idempotency_key: String) -> Registration {
        let mut form = Registration { idempotency_key: Text(idempotency_key), ..<Registration as Default>::default() };
        form.kind = "signing".into();
        form.agreements.push(AgreementRows::blank());
        form
    }

    /// Drops the rows left blank, so that the rows read are the rows shown.
    pub fn drop_blank_rows(&mut self) {
        self.attendees.retain(|a| !(a.name.is_blank() && a.position.is_blank() && a.organization.is_blank()));
        for a in &mut self.agreements {
            a.parties.retain(|p| {
                !(p.organization.is_blank() && p.signatory_name.is_blank() && p.signatory_title.is_blank())
            });
            a.directives.retain(|d| !d.symbol.is_blank() || !d.directive_id.is_blank());
        }
    }

    /// Drops the agreements left untouched when the event is no signing (a briefing, a
    /// conference): the form starts with one, and an event of another kind has none. A signing's
    /// blank agreement stays, to be said to be blank.
    pub fn drop_untouched_agreements(&mut self) {
        if self.kind.trimmed() != "signing" {
            self.agreements.retain(|a| !a.is_untouched());
        }
    }

    /// Makes the change a button asks for (rows added or removed); answers whether the form
    /// changed, which a crafted button naming rows that are not there never does.
    pub fn apply(&mut self, act: &Act) -> bool {
        fn push<T>(rows: &mut Vec<T>, row: impl FnOnce() -> T) -> bool {
            let room = rows.len() < MAX_ROWS;
            if room {
                rows.push(row());
            }
            room
        }
        fn remove<T>(rows: &mut Vec<T>, i: usize) -> bool {
            let there = i < rows.len();
            if there {
                rows.remove(i);
            }
            there
        }
        let rows = &mut self.agreements;
        match *act {
            Act::AddAgreement => push(rows, AgreementRows::blank),
            Act::RemoveAgreement(i) => remove(rows, i),
            Act::AddParty(i) => rows.get_mut(i).is_some_and(|a| push(&mut a.parties, PartyRow::blank)),
            Act::RemoveParty(i, p) => rows.get_mut(i).is_some_and(|a| remove(&mut a.parties, p)),
            Act::AddDirective(i) => rows.get_mut(i).is_some_and(|a| push(&mut a.directives, DirectiveRow::blank)),
            Act::RemoveDirective(i, d) => rows.get_mut(i).is_some_and(|a| remove(&mut a.directives, d)),
            Act::AddAttendee => push(&mut self.attendees, <AttendeeRow as Default>::default),
            Act::RemoveAttendee(i) => remove(&mut self.attendees, i),
            _ => false,
        }
    }

    /// Keeps at least the rows a form starts with, so that there is always a place to type (an
    /// agreement too, when the form registers a signing: `registers`).
    pub fn pad(&mut self, registers: bool) {
        if registers && self.agreements.is_empty() && self.kind.trimmed() == "signing" {
            self.agreements.push(AgreementRows::blank());
        }
        for a in &mut self.agreements {
            while a.parties.len() < 2 {
                a.parties.push(PartyRow::blank());
            }
            if a.directives.is_empty() {
                a.directives.push(DirectiveRow::blank());
            }
        }
    }

    /// The field a slot name (`locality`, `host`, `attendees[1].organization`,
    /// `agreements[0].parties[2].organization`, `new_organization.locality`) names.
    pub fn pick_mut(&mut self, slot: &str) -> Option<&mut Pick> {
        match slot {
            "locality" => return Some(&mut self.locality),
            "host" => return Some(&mut self.host),
            "new_organization.locality" => return Some(&mut self.new_organization.locality),
            _ => {}
        }
        let (head, rest) = indexed(slot)?;
        match head {
            "attendees" if rest == "organization" => Some(&mut self.attendees.get_mut(index(slot)?)?.organization),
            "agreements" => {
                let a = self.agreements.get_mut(index(slot)?)?;
                let (inner, field) = indexed(rest)?;
                (inner == "parties" && field == "organization").then_some(())?;
                Some(&mut a.parties.get_mut(index(rest)?)?.organization)
            }
            _ => None,
        }
    }

    /// The directive row a slot name (`agreements[0].directives[1]`) names.
    pub fn directive_mut(&mut self, slot: &str) -> Option<&mut DirectiveRow> {
        let (head, rest) = indexed(slot)?;
        (head == "agreements").then_some(())?;
        let a = self.agreements.get_mut(index(slot)?)?;
        let (inner, tail) = indexed(rest)?;
        (inner == "directives" && tail.is_empty()).then_some(())?;
        a.directives.get_mut(index(rest)?)
    }
}

/// `name[i].rest` split into `name` and `rest`.
fn indexed(path: &str) -> Option<(&str, &str)> {
    let (head, after) = path.split_once('[')?;
    let (_, rest) = after.split_once(']')?;
    Some((head, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The first index in `name[i]…`.
fn index(path: &str) -> Option<usize> {
    path.split_once('[')?.1.split_once(']')?.0.parse().ok()
}

impl AgreementRows {
    /// Nothing typed in it (its kind and the parties' roles are chosen for the person).
    fn is_untouched(&self) -> bool {
        let texts = [
            &self.title,
            &self.topic,
            &self.period.start_year,
            &self.period.end_year,
            &self.signed_on,
            &self.status,
            &self.replaces_id,
            &self.tasks,
            &self.source_url,
            &self.published_on,
        ];
        texts.iter().all(|t| t.is_blank()) && self.parties.is_empty() && self.directives.is_empty()
    }

    fn blank() -> AgreementRows {
        AgreementRows {
            kind: "coordination_program".into(),
            parties: vec![PartyRow { role: "lead".into(), ..PartyRow::blank() }, PartyRow::blank()],
            directives: vec![DirectiveRow::blank()],
            ..<AgreementRows as Default>::default()
        }
    }
}

impl PartyRow {
    fn blank() -> PartyRow {
        PartyRow { role: "signatory".into(), ..<PartyRow as Default>::default() }
    }
}

impl DirectiveRow {
    fn blank() -> DirectiveRow {
        DirectiveRow { relation: "implements".into(), ..<DirectiveRow as Default>::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_add_and_remove_the_rows_they_name_and_nothing_past_the_form() {
        let mut form = Registration::blank("k".into());
        assert!(form.apply(&Act::read("add-party:0")));
        assert_eq!(form.agreements[0].parties.len(), 3);
        form.agreements[0].parties[1].organization.text = "Hội CCB".into();
        assert!(form.apply(&Act::read("remove-party:0:0")));
        assert_eq!(form.agreements[0].parties[0].organization.text.0, "Hội CCB");
        assert!(form.apply(&Act::read("add-agreement")));
        assert!(form.apply(&Act::read("remove-agreement:1")));
        assert_eq!(form.agreements.len(), 1);
        // A crafted button names rows that are not there: nothing changes, nothing fails.
        assert!(!form.apply(&Act::read("remove-party:7:0")));
        assert!(!form.apply(&Act::read("remove-agreement:99999999999999999999")));
        assert_eq!(Act::read("anything"), Act::Check);
    }

    #[test]
    fn slots_name_the_fields_of_the_form_and_nothing_else() {
        let mut form = Registration::blank("k".into());
        form.attendees.push(<AttendeeRow as Default>::default());
        assert!(form.pick_mut("host").is_some());
        assert!(form.pick_mut("attendees[0].organization").is_some());
        assert!(form.pick_mut("agreements[0].parties[1].organization").is_some());
        assert!(form.pick_mut("agreements[0].parties[5].organization").is_none());
        assert!(form.pick_mut("agreements[0].title").is_none());
        assert!(form.directive_mut("agreements[0].directives[0]").is_some());
        assert!(form.directive_mut("agreements[0].directives[0].symbol").is_none());
    }

    #[test]
    fn a_chosen_organization_holds_until_its_name_is_typed_again() {
        let mut pick = <Pick as Default>::default();
        pick.set(7, "Hội LHPN quận 11");
        assert_eq!(pick.chosen_id(), Some(7));
        pick.text = "Hội LHPN quận 10".into();
        assert_eq!(pick.chosen_id(), None);
    }
}
