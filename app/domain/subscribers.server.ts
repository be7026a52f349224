// Registers every module's domain-event subscribers. Imported once by the processes that publish.
// Each module adds its own line here: `import "../flows/subscribers.server";` etc.
import "../store/segments-subscriber.server"; // first: later subscribers see fresh segments
import "../flows/subscribers.server";
import "../insights/subscribers.server";
import "../delivery/subscribers.server";
import "../drafting/subscribers.server";
