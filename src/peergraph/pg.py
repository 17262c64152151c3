"""The project's namespaces as rdflib objects, and ``PG``: the ontology's terms, closed.

Generated from ontology/*.ttl by scripts/gen_vocab.py: do not edit by hand. ``PG`` is an rdflib
``DefinedNamespace``, so a misspelt term (``PG.hostsCFOWIng``) raises ``AttributeError`` instead
of making a query or a check silently match nothing; names that are not Python identifiers are
reached as ``PG["lcr-high"]``. The namespace strings themselves live in ``peergraph.vocab``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from peergraph.vocab import NAMESPACES

__all__ = ["AGENT", "PG", "PGSH", "REC", "REF", "ROLE", "SITE", "SRC", "STUDY"]

ROLE = Namespace(NAMESPACES["role"])
SITE = Namespace(NAMESPACES["site"])
SRC = Namespace(NAMESPACES["src"])
STUDY = Namespace(NAMESPACES["study"])
REF = Namespace(NAMESPACES["ref"])
AGENT = Namespace(NAMESPACES["agent"])
REC = Namespace(NAMESPACES["rec"])
PGSH = Namespace(NAMESPACES["pgsh"])


class PG(DefinedNamespace):
    """The peergraph ontology, ``pg:``."""

    _NS = Namespace(NAMESPACES["pg"])
    _fail = True

    AccreditedIndependentMentoringQualification: URIRef
    Audience: URIRef
    Audiences: URIRef
    AwardingBody: URIRef
    BuckPrinciples: URIRef
    CFOSponsor: URIRef
    CFOWing: URIRef
    Continuum: URIRef
    ContinuumRole: URIRef
    DecisionLevel: URIRef
    DecisionLevels: URIRef
    DefinitionElement: URIRef
    DepartmentPartnership: URIRef
    EligibilityCondition: URIRef
    EligibilityConditions: URIRef
    Estate: URIRef
    Estates: URIRef
    FactRecord: URIRef
    Finding: URIRef
    Footnote: URIRef
    Frequencies: URIRef
    Frequency: URIRef
    HierarchicalMentoringRole: URIRef
    HolderGroup: URIRef
    HolderGroups: URIRef
    JourneyMap: URIRef
    LCRLevel: URIRef
    LCRLevelOrder: URIRef
    LCRLevels: URIRef
    LocalRole: URIRef
    MeetsElementA: URIRef
    MeetsElementB: URIRef
    MeetsElementC: URIRef
    OfficerTraining: URIRef
    Passage: URIRef
    PaymentStatus: URIRef
    PaymentStatuses: URIRef
    PeerInvolvementRole: URIRef
    PeerMentorDefinition: URIRef
    PeerMentoringRole: URIRef
    PeerOutcome: URIRef
    PeerOutcomes: URIRef
    PeerRoleForum: URIRef
    PeerSupportRole: URIRef
    PilotSite: URIRef
    PolicyDocument: URIRef
    Principle: URIRef
    Prison: URIRef
    PrisonDepartment: URIRef
    PrisonDepartments: URIRef
    ProgressionInformation: URIRef
    ProgressionStatus: URIRef
    ProgressionStatuses: URIRef
    ProvenanceKind: URIRef
    ProvenanceKinds: URIRef
    Provider: URIRef
    ProviderCapacities: URIRef
    ProviderCapacity: URIRef
    Publication: URIRef
    Qualification: URIRef
    Recommendation: URIRef
    RecommendationStrength: URIRef
    RecommendationStrengths: URIRef
    ResearchQuestion: URIRef
    RoleScope: URIRef
    RoleScopeOrder: URIRef
    RoleScopes: URIRef
    RoleVariant: URIRef
    RoleVariants: URIRef
    Section: URIRef
    SourceLocation: URIRef
    SourceTable: URIRef
    Sphere: URIRef
    Spheres: URIRef
    Study: URIRef
    StudyOutput: URIRef
    Subject: URIRef
    Subjects: URIRef
    SupervisionArrangement: URIRef
    TableCell: URIRef
    TableColumn: URIRef
    TableRow: URIRef
    TrainingProgramme: URIRef
    Wing: URIRef
    WingRepresentation: URIRef
    YearMonth: URIRef
    aboutSite: URIRef
    accordingTo: URIRef
    adviceStrength: URIRef
    adviceText: URIRef
    aim: URIRef
    audience: URIRef
    awardingBody: URIRef
    bridgingDetail: URIRef
    canSupplyAllies: URIRef
    cellOf: URIRef
    cfoAlliesRecruitedFrom: URIRef
    cfoSponsor: URIRef
    channel: URIRef
    coProduced: URIRef
    collectiveDetail: URIRef
    commissionedBy: URIRef
    continuumRole: URIRef
    coreDeliveryExpectation: URIRef
    daily: URIRef
    dataCollectionEnd: URIRef
    dataCollectionStart: URIRef
    departmentPartnership: URIRef
    derived: URIRef
    describes: URIRef
    eligibility: URIRef
    emptyInSource: URIRef
    estate: URIRef
    external: URIRef
    externallyAccredited: URIRef
    female: URIRef
    footnote: URIRef
    formalSupervision: URIRef
    fortnightly: URIRef
    fraternity: URIRef
    frequency: URIRef
    governedBy: URIRef
    governorLevel: URIRef
    guidance: URIRef
    hasJourneyMap: URIRef
    hasPeerRoleForum: URIRef
    hasScope: URIRef
    hasSupervision: URIRef
    hasVariant: URIRef
    header: URIRef
    headerGroup: URIRef
    heldBy: URIRef
    hostsCFOWing: URIRef
    identity: URIRef
    inColumn: URIRef
    inEstate: URIRef
    inRow: URIRef
    independentSupervision: URIRef
    independentlyDelivered: URIRef
    interpretation: URIRef
    journeyMap: URIRef
    leadsToQualification: URIRef
    ledBy: URIRef
    level: URIRef
    lifer: URIRef
    linkedToEngagementFramework: URIRef
    locator: URIRef
    male: URIRef
    mappingWorkshops: URIRef
    mapsProperty: URIRef
    mapsRole: URIRef
    maxLCR: URIRef
    meetingFrequency: URIRef
    minLCR: URIRef
    monthly: URIRef
    noPartnershipWith: URIRef
    noProgressionInformationFor: URIRef
    nonSpecialistOfficersTrained: URIRef
    observationNote: URIRef
    observedAt: URIRef
    offersRole: URIRef
    officerTraining: URIRef
    operatesInSphere: URIRef
    output: URIRef
    paid: URIRef
    parentRecommendation: URIRef
    partnerDepartment: URIRef
    payment: URIRef
    pedagogy: URIRef
    peerRoleForum: URIRef
    pilotSite: URIRef
    politicisation: URIRef
    position: URIRef
    prisonerCouncilMembershipAvailable: URIRef
    prisonerCouncilRole: URIRef
    programmeDevelopedBy: URIRef
    progressesTo: URIRef
    progressionAlignedToProgrammePhases: URIRef
    progressionDefinedByResponsibility: URIRef
    progressionInformation: URIRef
    progressionRouteNote: URIRef
    progressionStatus: URIRef
    promotesAmongPeers: URIRef
    provenanceKind: URIRef
    providerCapacity: URIRef
    qualificationType: URIRef
    quarterly: URIRef
    readAsComplete: URIRef
    reason: URIRef
    recommendationId: URIRef
    recommendationLevel: URIRef
    recordOf: URIRef
    recordProperty: URIRef
    recordValue: URIRef
    recruitedAsAlliesInto: URIRef
    regimeFlexibilityNote: URIRef
    representedOnPrisonerCouncil: URIRef
    representsCollectiveInterestsAt: URIRef
    requiresQualification: URIRef
    residentsEngaged: URIRef
    responsibleForPrisonerCouncil: URIRef
    rule: URIRef
    servesPrinciple: URIRef
    severityRank: URIRef
    singleIssueDetail: URIRef
    siteLink: URIRef
    sourceText: URIRef
    specialRegimeFlexibility: URIRef
    sphere: URIRef
    staffEngaged: URIRef
    stated: URIRef
    strength: URIRef
    structuredSupervision: URIRef
    study: URIRef
    subject: URIRef
    supervisedBy: URIRef
    supervision: URIRef
    supervisionFormat: URIRef
    tableOf: URIRef
    text: URIRef
    training: URIRef
    trainingProvider: URIRef
    unpaid: URIRef
    valueColumn: URIRef
    variantName: URIRef
    veteran: URIRef
    weekly: URIRef
    wholeWingPerspective: URIRef

    _extras = [
        "D-a",
        "D-b",
        "D-c",
        "audience-residents",
        "audience-staff",
        "cfo-allies",
        "cfo-delivery",
        "cfo-prime-provider",
        "communal-sphere",
        "currently-serving-residents",
        "democratic-sphere",
        "education-department",
        "female-estate",
        "growth-advancement-hope-empowerment",
        "independent-external-provider",
        "individual-sphere",
        "industries-department",
        "lcr-high",
        "lcr-low",
        "lcr-medium",
        "libraries-department",
        "male-estate",
        "national-level",
        "people-with-lived-experience",
        "prison-education-provider",
        "prison-learning-skills-provider",
        "prison-level",
        "progression-available",
        "progression-under-consideration",
        "scope-bridging",
        "scope-collective",
        "scope-induction",
        "scope-single-issue",
        "strength-if-possible",
        "strength-preferably",
        "strength-requirement",
        "subject-iag",
        "subject-mentoring",
        "wing-level",
    ]
