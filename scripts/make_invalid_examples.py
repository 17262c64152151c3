#!/usr/bin/env python3
# ruff: noqa: E501  (the template lines quoted below are data)
"""Write data/examples/invalid/*.ttl: the valid example with one requirement broken in each.

Each invalid example is data/examples/valid/hmp-example.ttl with a few lines changed (marked
``<-- breaks ...`` in the file), its own namespace (so that a whole folder can be validated at
once: every file is its own site) and a header saying what it breaks and what the validator
must report. The ``# expect:`` lines of the header are what tests/test_shapes_examples.py
checks: the example produces exactly those (requirement, severity) pairs.

    python scripts/make_invalid_examples.py          # (re)write the files
    python scripts/make_invalid_examples.py --check  # exit 1 if a file is out of date
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "data" / "examples" / "valid" / "hmp-example.ttl"
INVALID = ROOT / "data" / "examples" / "invalid"
VALID_NAMESPACE = "https://example.org/peergraph/hmp-example/"


@dataclass(frozen=True)
class Case:
    stem: str
    breaks: str  # what the change breaks, in a sentence
    expect: tuple[tuple[str, str], ...]  # (requirement, severity) pairs the validator reports
    edits: tuple[tuple[str, str], ...]  # (old, new): each old text occurs exactly once
    note: str = ""  # why more than one result is expected, when so


def _off(line: str, why: str) -> tuple[str, str]:
    """Comment a whole line out (it must end with a newline in the template)."""
    body = line.strip()
    indent = line[: len(line) - len(line.lstrip())]
    return line, f"{indent}# {body}   <-- {why}\n"


PM_TRAINING_ACCREDITED = (
    "    pg:providerCapacity pg:prison-education-provider ;   # R3a advice: the Education department\n"
    "    pg:externallyAccredited true ;\n"
)
PM_SUPERVISION = (
    '    pg:supervisionFormat "one-to-one supervision" ;\n'
    "    pg:formalSupervision true ;\n"
    "    pg:structuredSupervision true ;\n"
)
PM_PROGRESSION = (
    "    pg:progressionAlignedToProgrammePhases true ;\n"
    "    pg:progressionDefinedByResponsibility true ;\n"
    "    pg:progressionStatus pg:progression-available ;\n"
    "    pg:progressesTo role:prisoner-council .\n"
)
BUDDY_PROGRESSION = (
    "    pg:progressionStatus pg:progression-available ;\n    pg:progressesTo ex:peer-mentor .\n"
)

CASES: tuple[Case, ...] = (
    # R2a ------------------------------------------------------------------------------------
    Case(
        "r2a-no-sponsor",
        "R2a: the prison records no CFO sponsor",
        (("R2a", "Warning"),),
        (_off("    pg:cfoSponsor ex:sponsor ;\n", "breaks R2a: no sponsor recorded"),),
    ),
    Case(
        "r2a-sponsor-not-governor-level",
        "R2a: the CFO sponsor is recorded as not Governor-level",
        (("R2a", "Violation"),),
        (
            (
                '    rdfs:label "Deputy Governor (Reducing Reoffending), HMP Example"@en ;\n',
                '    rdfs:label "Custodial Manager (Residence), HMP Example"@en ;\n',
            ),
            (
                "    pg:governorLevel true ;                           # R2a: a Governor-level post\n",
                "    pg:governorLevel false ;   # <-- breaks R2a: not a Governor-level post\n",
            ),
        ),
    ),
    Case(
        "r2a-advice-sponsor-not-responsible-for-council",
        "R2a's advice: the sponsor is recorded as not responsible for Prisoner Council arrangements",
        (("R2a", "Info"),),
        (
            (
                "    pg:responsibleForPrisonerCouncil true .           # R2a advice: preferably also holds the PC\n",
                "    pg:responsibleForPrisonerCouncil false .   # <-- R2a advice not followed\n",
            ),
        ),
    ),
    # R2b ------------------------------------------------------------------------------------
    Case(
        "r2b-not-represented",
        "R2b: the wing is recorded as not represented on the Prisoner Council, though membership "
        "is available",
        (("R2b", "Violation"),),
        (
            (
                "    pg:representedOnPrisonerCouncil true ;\n",
                "    pg:representedOnPrisonerCouncil false ;   # <-- breaks R2b\n",
            ),
            _off(
                "    pg:prisonerCouncilRole ex:peer-mentor ;\n", "no seat, so no seat-holding role"
            ),
        ),
    ),
    Case(
        "r2b-representation-not-recorded",
        "R2b: the wing does not record whether it is represented on the Prisoner Council",
        (("R2b", "Warning"),),
        (_off("    pg:representedOnPrisonerCouncil true ;\n", "breaks R2b: not recorded"),),
    ),
    Case(
        "r2b-advice-not-role-specific",
        "R2b's advice: the Prisoner Council seat is not held through a CFO peer role",
        (("R2b", "Info"),),
        (_off("    pg:prisonerCouncilRole ex:peer-mentor ;\n", "R2b advice not followed"),),
    ),
    # R2c ------------------------------------------------------------------------------------
    Case(
        "r2c-officers-not-trained",
        "R2c: the wing's non-specialist officers are recorded as not trained",
        (("R2c", "Violation"),),
        (
            (
                "    pg:nonSpecialistOfficersTrained true ;\n",
                "    pg:nonSpecialistOfficersTrained false ;   # <-- breaks R2c\n",
            ),
            _off("    pg:officerTraining ex:officer-training ;\n", "no training given"),
        ),
    ),
    Case(
        "r2c-officer-training-not-recorded",
        "R2c: the wing does not record whether its officers are trained",
        (("R2c", "Warning"),),
        (_off("    pg:nonSpecialistOfficersTrained true ;\n", "breaks R2c: not recorded"),),
    ),
    # R2d ------------------------------------------------------------------------------------
    Case(
        "r2d-no-regime-flexibility",
        "R2d: the wing is recorded as having no special regime flexibility",
        (("R2d", "Violation"),),
        (
            (
                "    pg:specialRegimeFlexibility true ;\n",
                "    pg:specialRegimeFlexibility false ;   # <-- breaks R2d\n",
            ),
            (
                '    pg:regimeFlexibilityNote "Peer mentors may attend the weekly forum and Prisoner '
                'Council during work hours; association extended on forum evenings." ;\n',
                '    pg:regimeFlexibilityNote "None agreed: the wing runs the standard regime." ;\n',
            ),
        ),
    ),
    Case(
        "r2d-regime-flexibility-not-recorded",
        "R2d: the wing does not record whether it has special regime flexibility",
        (("R2d", "Warning"),),
        (_off("    pg:specialRegimeFlexibility true ;\n", "breaks R2d: not recorded"),),
    ),
    # R2e ------------------------------------------------------------------------------------
    Case(
        "r2e-partnership-not-co-produced",
        "R2e: the partnership with Industries is recorded as not co-produced",
        (("R2e", "Violation"),),
        (
            (
                "    pg:partnerDepartment pg:industries-department ;\n    pg:coProduced true .\n",
                "    pg:partnerDepartment pg:industries-department ;\n"
                "    pg:coProduced false .   # <-- breaks R2e\n",
            ),
        ),
    ),
    Case(
        "r2e-no-libraries-partnership",
        "R2e: the wing records no partnership with the Libraries department",
        (("R2e", "Warning"),),
        (
            (
                "    pg:departmentPartnership ex:partnership-education , ex:partnership-libraries ,\n",
                "    pg:departmentPartnership ex:partnership-education ,   # <-- breaks R2e: "
                "ex:partnership-libraries is no longer linked\n",
            ),
        ),
    ),
    # R3a ------------------------------------------------------------------------------------
    Case(
        "r3a-not-accredited",
        "R3a: the peer mentors' training is recorded as not externally accredited",
        (("R3a", "Violation"), ("D-a", "Violation")),
        (
            _off(
                "    pg:requiresQualification ex:peer-mentor-qualification ;\n",
                "no accredited qualification",
            ),
            (
                '    rdfs:label "Level 2 Award in Mentoring course at HMP Example"@en ;\n',
                '    rdfs:label "In-house peer mentoring course at HMP Example"@en ;\n',
            ),
            (
                PM_TRAINING_ACCREDITED,
                PM_TRAINING_ACCREDITED.replace(
                    "pg:externallyAccredited true ;",
                    "pg:externallyAccredited false ;   # <-- breaks R3a (and D-a)",
                ),
            ),
            _off(
                "    pg:leadsToQualification ex:peer-mentor-qualification .\n",
                "leads to no qualification",
            ),
            (
                "    pg:subject pg:subject-mentoring ;\n    #",
                "    pg:subject pg:subject-mentoring .\n    #",
            ),
        ),
        note="A peer mentor's non-accredited training contradicts R3a and, being the same fact, "
        "element D-a of the definition.",
    ),
    Case(
        "r3a-progression-not-aligned",
        "R3a: the peer mentor role's progression is recorded as not aligned to the programme's "
        "phases",
        (("R3a", "Violation"),),
        (
            (
                PM_PROGRESSION,
                PM_PROGRESSION.replace(
                    "pg:progressionAlignedToProgrammePhases true ;",
                    "pg:progressionAlignedToProgrammePhases false ;   # <-- breaks R3a",
                ),
            ),
        ),
    ),
    Case(
        "r3a-no-training",
        "R3a: the peer mentor role records no training at all",
        (("R3a", "Warning"), ("D-a", "Warning")),
        (
            _off("    pg:training ex:peer-mentor-training ;\n", "breaks R3a: no training"),
            _off(
                "    pg:requiresQualification ex:peer-mentor-qualification ;\n",
                "breaks R3a: no qualification",
            ),
        ),
        note="Without training, D-a's accredited, independently delivered mentoring qualification "
        "is not evidenced either.",
    ),
    Case(
        "r3a-advice-not-education-department",
        "R3a's advice: the peer mentors' training is delivered by the prime provider, not the "
        "prison's Education department",
        (("R3a", "Info"),),
        (
            (
                "    pg:trainingProvider ex:example-college ;\n",
                "    pg:trainingProvider ex:example-prime-provider ;\n",
            ),
            (
                "    pg:providerCapacity pg:prison-education-provider ;   # R3a advice: the Education department\n",
                "    pg:providerCapacity pg:cfo-prime-provider ;   # <-- R3a advice not followed\n",
            ),
        ),
    ),
    # R3b ------------------------------------------------------------------------------------
    Case(
        "r3b-supervision-not-structured",
        "R3b: the peer mentors' supervision is recorded as not structured",
        (("R3b", "Violation"),),
        (
            (
                '    rdfs:label "Weekly one-to-one supervision by the CFO prime provider"@en ;\n',
                '    rdfs:label "Weekly drop-in with the CFO prime provider"@en ;\n',
            ),
            (
                PM_SUPERVISION,
                PM_SUPERVISION.replace("one-to-one supervision", "drop-in").replace(
                    "pg:structuredSupervision true ;",
                    "pg:structuredSupervision false ;   # <-- breaks R3b",
                ),
            ),
        ),
    ),
    Case(
        "r3b-supervision-not-by-prime-provider",
        "R3b: the induction buddies are supervised by CFO's own staff, not the prime provider",
        (("R3b", "Violation"),),
        (
            (
                '    rdfs:label "Fortnightly group supervision by the CFO prime provider"@en ;\n'
                "    pg:supervisedBy ex:example-prime-provider ;\n"
                "    pg:providerCapacity pg:cfo-prime-provider ;\n",
                '    rdfs:label "Fortnightly group supervision by the CFO wing manager"@en ;\n'
                "    pg:providerCapacity pg:cfo-delivery ;   # <-- breaks R3b\n",
            ),
        ),
    ),
    Case(
        "r3b-supervision-not-recorded",
        "R3b: the induction buddy role records no supervision",
        (("R3b", "Warning"),),
        (
            _off(
                "    pg:supervision ex:induction-buddy-supervision ;\n",
                "breaks R3b: no supervision recorded",
            ),
        ),
    ),
    Case(
        "r3b-no-forum",
        "R3b: the wing records no peer role forum",
        (("R3b", "Warning"),),
        (_off("    pg:peerRoleForum ex:forum ;\n", "breaks R3b: no forum"),),
    ),
    # R3c ------------------------------------------------------------------------------------
    Case(
        "r3c-progression-by-time-served",
        "R3c: the peer mentor role's progression is recorded as not defined by responsibility",
        (("R3c", "Violation"),),
        (
            (
                PM_PROGRESSION,
                PM_PROGRESSION.replace(
                    "pg:progressionDefinedByResponsibility true ;",
                    "pg:progressionDefinedByResponsibility false ;   # <-- breaks R3c (time served)",
                ),
            ),
        ),
    ),
    Case(
        "r3c-no-core-expectations",
        "R3c: the induction buddy role records no core delivery expectations",
        (("R3c", "Warning"),),
        (
            _off(
                '    pg:coreDeliveryExpectation "Shows each new arrival round the wing on their first day." ;\n',
                "breaks R3c: no expectations",
            ),
        ),
    ),
    Case(
        "r3c-progression-under-consideration",
        "R3c: progression routes from the induction buddy role are still being considered",
        (("R3c", "Warning"),),
        (
            (
                BUDDY_PROGRESSION,
                "    pg:progressionStatus pg:progression-under-consideration ;   # <-- breaks R3c\n"
                "    pg:progressesTo ex:peer-mentor .\n",
            ),
        ),
    ),
    # R3d ------------------------------------------------------------------------------------
    Case(
        "r3d-map-not-whole-wing",
        "R3d: the journey map is recorded as not drawn from a whole wing perspective",
        (("R3d", "Violation"),),
        (
            (
                "    pg:wholeWingPerspective true ;\n",
                "    pg:wholeWingPerspective false ;   # <-- breaks R3d\n",
            ),
        ),
    ),
    Case(
        "r3d-no-journey-map",
        "R3d: the wing records no journey map",
        (("R3d", "Warning"),),
        (_off("    pg:journeyMap ex:journey-map ;\n", "breaks R3d: no journey map"),),
    ),
    # R3e ------------------------------------------------------------------------------------
    Case(
        "r3e-residents-not-informed",
        "R3e: the wing records nothing telling residents their options to progress",
        (("R3e", "Warning"),),
        (
            (
                "    pg:progressionInformation ex:information-for-residents , ex:information-for-staff .\n",
                "    pg:progressionInformation ex:information-for-staff .   # <-- breaks R3e: "
                "ex:information-for-residents is no longer linked\n",
            ),
        ),
    ),
    # D-a ------------------------------------------------------------------------------------
    Case(
        "d-a-paid-peer-mentor",
        "D-a: the role presented as peer mentoring is paid",
        (("D-a", "Violation"),),
        (("    pg:payment pg:unpaid ;\n", "    pg:payment pg:paid ;   # <-- breaks D-a\n"),),
    ),
    Case(
        "d-a-held-by-former-residents",
        "D-a: the role presented as peer mentoring is held by people who have left prison",
        (("D-a", "Violation"),),
        (
            (
                "    pg:heldBy pg:currently-serving-residents ;\n",
                "    pg:heldBy pg:people-with-lived-experience ;   # <-- breaks D-a\n",
            ),
        ),
    ),
    Case(
        "d-a-training-by-cfo-staff",
        "D-a: the peer mentors' training is delivered by CFO's own staff, so not independently",
        (("D-a", "Violation"), ("R3a", "Info")),
        (
            (
                "    pg:trainingProvider ex:example-college ;\n"
                "    pg:providerCapacity pg:prison-education-provider ;   # R3a advice: the Education department\n",
                "    pg:trainingProvider ex:example-prime-provider ;\n"
                "    pg:providerCapacity pg:cfo-delivery ;   # <-- breaks D-a: CFO's own staff\n",
            ),
            (
                "    pg:independentlyDelivered true ;\n    pg:subject pg:subject-mentoring ;\n"
                "    pg:leadsToQualification",
                "    pg:subject pg:subject-mentoring ;\n    pg:leadsToQualification",
            ),
            (
                "    pg:externallyAccredited true ;\n    pg:independentlyDelivered true .\n",
                "    pg:externallyAccredited true ;\n"
                "    pg:independentlyDelivered false .   # <-- breaks D-a\n",
            ),
        ),
        note="Training by CFO's own staff is also not R3a's advised delivery by the prison's "
        "Education department (Info).",
    ),
    Case(
        "d-a-payment-not-recorded",
        "D-a: the role presented as peer mentoring does not record whether it is paid",
        (("D-a", "Warning"),),
        (_off("    pg:payment pg:unpaid ;\n", "breaks D-a: payment not recorded"),),
    ),
    # D-b, D-c -------------------------------------------------------------------------------
    Case(
        "d-b-no-prison-representation",
        "D-b: peer mentors do not represent collective interests at wider prison level",
        (("D-b", "Warning"),),
        (
            (
                "    pg:representsCollectiveInterestsAt pg:wing-level , pg:prison-level , pg:national-level ;\n",
                "    pg:representsCollectiveInterestsAt pg:wing-level , pg:national-level ;   "
                "# <-- breaks D-b\n",
            ),
        ),
    ),
    Case(
        "d-c-no-national-voice",
        "D-c: peer mentors do not represent the living-experience voice nationally",
        (("D-c", "Warning"),),
        (
            (
                "    pg:representsCollectiveInterestsAt pg:wing-level , pg:prison-level , pg:national-level ;\n",
                "    pg:representsCollectiveInterestsAt pg:wing-level , pg:prison-level ;   "
                "# <-- breaks D-c\n",
            ),
        ),
    ),
    # Data quality ---------------------------------------------------------------------------
    Case(
        "dq-unknown-role",
        "data quality: the peer mentor role names a continuum role that does not exist "
        "(role:peer-mentr)",
        (("DQ", "Violation"),),
        (
            (
                "    pg:continuumRole role:peer-mentor ;               # which of the 15 continuum roles\n",
                "    pg:continuumRole role:peer-mentr ;   # <-- a typo: no such continuum role\n",
            ),
        ),
        note="`peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.",
    ),
    Case(
        "dq-level-not-integer",
        'data quality: the qualification level is the text "two", not a number',
        (("DQ", "Violation"),),
        (("    pg:level 2 ;\n", '    pg:level "two" ;   # <-- a level is a number: 2\n'),),
        note="`peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.",
    ),
    Case(
        "dq-boolean-as-text",
        'data quality: a yes/no value written as the text "true"',
        (("DQ", "Violation"),),
        (
            (
                "    pg:governorLevel true ;                           # R2a: a Governor-level post\n",
                '    pg:governorLevel "true" ;   # <-- text, not the boolean true\n',
            ),
        ),
        note="`peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.",
    ),
    Case(
        "dq-unknown-frequency",
        "data quality: a supervision frequency that is not a known one",
        (("DQ", "Violation"),),
        (
            (
                "    pg:frequency pg:fortnightly ;\n",
                "    pg:frequency pg:every-other-week ;   # <-- not a known frequency\n",
            ),
        ),
        note="`peergraph validate` stops with exit 2 on it (bad input) unless given --lenient.",
    ),
    Case(
        "dq-no-wing",
        "data quality: the prison records no CFO wing, so the wing requirements cannot be checked",
        (("DQ", "Warning"),),
        (_off("    pg:hostsCFOWing ex:horizon-wing ;\n", "no wing linked"),),
        note="The report also lists the wing and its roles as not validated (no prison links "
        "to them), and the scorecard shows R2b to R3e, D-a to D-c as not evidenced.",
    ),
)


def build(case: Case, template: str) -> str:
    """The invalid example's text."""
    body = template[template.index("@prefix") :]  # drop the template's own header
    for old, new in case.edits:
        count = body.count(old)
        if count != 1:
            raise ValueError(f"{case.stem}: {old!r} occurs {count} times in the template")
        body = body.replace(old, new)
    body = body.replace(VALID_NAMESPACE, f"https://example.org/peergraph/{case.stem}/")
    body = body.replace(
        '    rdfs:label "HMP Example"@en ;', f'    rdfs:label "HMP Example ({case.stem})"@en ;'
    )
    expected = ", ".join(f"{req} {sev}" for req, sev in case.expect)
    header = [
        f"# INVALID EXAMPLE {case.stem}.ttl: breaks {case.breaks}.",
        f"# Expected result: {expected}; nothing else.",
    ]
    if case.note:
        header.append(f"# {case.note}")
    header += [
        "# Made from data/examples/valid/hmp-example.ttl by the change(s) marked `<--` below",
        "# (generated by scripts/make_invalid_examples.py: edit that script, not this file).",
        "#",
    ]
    header += [f"# expect: {req} {sev}" for req, sev in case.expect]
    return "\n".join(header) + "\n\n" + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args(argv)
    template = VALID.read_text(encoding="utf-8")
    stale = []
    wanted = {f"{case.stem}.ttl" for case in CASES}
    for case in CASES:
        path = INVALID / f"{case.stem}.ttl"
        text = build(case, template)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            INVALID.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    extra = sorted(p.name for p in INVALID.glob("*.ttl") if p.name not in wanted)
    if args.check:
        if stale or extra:
            print(f"out of date: {', '.join(stale)}; not generated: {', '.join(extra)}")
            return 1
        return 0
    if extra:
        print(f"note: files not made by this script: {', '.join(extra)}", file=sys.stderr)
    print(f"wrote {len(CASES)} files to {INVALID.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
