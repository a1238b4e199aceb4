//! The buttons of the registration form, read from the value each posts as `act`.

/// What a button asks of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    Save,
    /// Read what was typed and show what each name and symbol resolves to, saving nothing.
    Check,
    AddAgreement,
    RemoveAgreement(usize),
    AddParty(usize),
    RemoveParty(usize, usize),
    AddDirective(usize),
    RemoveDirective(usize, usize),
    AddAttendee,
    RemoveAttendee(usize),
    /// Open the form for a missing organization, for this field.
    NewOrganization(String),
    CreateOrganization,
    NewDirective(String),
    CreateDirective,
    Cancel,
    /// One of the candidates shown for a field: the field's slot and the record's id.
    Choose(String, i64),
}

impl Act {
    /// The button's value: `save`, `add-party:0`, `remove-party:0:2`, `new-organization:host`…;
    /// anything else only checks.
    pub fn read(value: &str) -> Act {
        let (verb, rest) = value.split_once(':').unwrap_or((value, ""));
        let mut n = rest.split(':').map(|i| i.parse::<usize>().ok());
        let mut next = || n.next().flatten();
        let act = match verb {
            "save" => Some(Act::Save),
            "add-agreement" => Some(Act::AddAgreement),
            "remove-agreement" => next().map(Act::RemoveAgreement),
            "add-party" => next().map(Act::AddParty),
            "remove-party" => next().zip(next()).map(|(a, p)| Act::RemoveParty(a, p)),
            "add-directive" => next().map(Act::AddDirective),
            "remove-directive" => next().zip(next()).map(|(a, d)| Act::RemoveDirective(a, d)),
            "add-attendee" => Some(Act::AddAttendee),
            "remove-attendee" => next().map(Act::RemoveAttendee),
            "new-organization" => Some(Act::NewOrganization(rest.to_string())),
            "create-organization" => Some(Act::CreateOrganization),
            "new-directive" => Some(Act::NewDirective(rest.to_string())),
            "create-directive" => Some(Act::CreateDirective),
            "cancel" => Some(Act::Cancel),
            "choose" => {
                rest.rsplit_once(':').and_then(|(slot, id)| Some(Act::Choose(slot.to_string(), id.parse().ok()?)))
            }
            _ => None,
        };
        act.unwrap_or(Act::Check)
    }
}
