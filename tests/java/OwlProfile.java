// The OWL 2 DL profile check of an RDF file, with the OWL API that owlready2's HermiT bundle
// carries (owlready2/hermit/HermiT.jar, OWL API 3.4). Run as a source file (Java 11+ with the
// jdk.compiler module, as a JDK has):
//
//     java -cp .../owlready2/hermit/HermiT.jar tests/java/OwlProfile.java FILE.nt
//
// Prints "axioms N" (what was loaded), then one line "violation KIND: TEXT" per violation, and
// exits 0 either way; a file it cannot load exits 2 with the OWL API's message on stderr.
//
// One check is added to the OWL API's OWL2DLProfile: in OWL API 3.4 its test for datatypes
// outside the OWL 2 datatype map exempts every IRI in the XSD namespace, so xsd:gYearMonth or
// xsd:date in an axiom is not reported (later OWL API versions report it). The added check
// reports each datatype of a logical axiom that is not in the map (OWL2Datatype, the OWL API's
// own list of it) and not defined by a datatype definition in the ontology. Annotation values
// are not checked, as the OWL API does not check them either: annotations carry no meaning for
// a DL reasoner.

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDatatype;
import org.semanticweb.owlapi.model.OWLDatatypeDefinitionAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

public class OwlProfile {
    public static void main(String[] args) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])));
        } catch (Exception e) {
            System.err.println("cannot load " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("axioms " + ontology.getLogicalAxiomCount());
        Set<String> lines = new TreeSet<String>();
        for (OWLProfileViolation violation : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            lines.add("violation " + violation.getClass().getSimpleName() + ": " + oneLine(violation.toString()));
        }
        Set<OWLDatatype> defined = new HashSet<OWLDatatype>();
        for (OWLDatatypeDefinitionAxiom definition : ontology.getAxioms(AxiomType.DATATYPE_DEFINITION)) {
            defined.add(definition.getDatatype());
        }
        for (OWLAxiom axiom : ontology.getLogicalAxioms()) {
            for (OWLDatatype datatype : axiom.getDatatypesInSignature()) {
                if (!OWL2Datatype.isBuiltIn(datatype.getIRI()) && !defined.contains(datatype)) {
                    lines.add("violation UseOfUnknownDatatype: " + datatype.getIRI() + " is not in the OWL 2 datatype map, in " + oneLine(axiom.toString()));
                }
            }
        }
        for (String line : lines) {
            System.out.println(line);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
