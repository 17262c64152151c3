// Loads an ontology document of a release with the OWL API that owlready2's HermiT bundle
// carries (OWL API 3.4), resolving its owl:imports as Protégé does, from the OASIS catalog
// (catalog-v001.xml) beside it, never from the web: each <uri name= uri=> entry maps an
// ontology IRI to a file relative to the catalog, and an IRI the catalog lacks fails the load
// instead of being downloaded. Run as a source file:
//
//     java -cp .../owlready2/hermit/HermiT.jar tests/java/ReleaseImports.java CATALOG DOCUMENT
//
// Prints "imports N" (ontologies in the imports closure) and "axioms N"; exits 2 with the OWL
// API's message on stderr if the document cannot be loaded.

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyIRIMapper;
import org.semanticweb.owlapi.model.OWLOntologyManager;

public class ReleaseImports {
    public static void main(String[] args) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.clearIRIMappers();
        try {
            File catalog = new File(args[0]);
            Map<String, IRI> entries = new HashMap<>();
            NodeList uris = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(catalog).getElementsByTagName("uri");
            for (int i = 0; i < uris.getLength(); i++) {
                Element entry = (Element) uris.item(i);
                File file = new File(catalog.getParentFile(), entry.getAttribute("uri"));
                entries.put(entry.getAttribute("name"), IRI.create(file.getCanonicalFile()));
            }
            manager.addIRIMapper(new OWLOntologyIRIMapper() {
                public IRI getDocumentIRI(IRI ontologyIRI) {
                    IRI found = entries.get(ontologyIRI.toString());
                    // Not in the catalog: refused, not fetched.
                    return found != null ? found : IRI.create("file:/nonexistent/not-in-catalog");
                }
            });
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
                new FileDocumentSource(new File(args[1])));
            System.out.println("imports " + ontology.getImportsClosure().size());
            System.out.println("axioms " + ontology.getAxiomCount());
        } catch (Exception e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
