import { useEffect, useState } from "preact/hooks";
import type { FacilitatorProps } from "../app.js";
import { messages as m } from "../messages.js";
import type { Portfolio } from "../types.js";
import { CreateWorkshop } from "./create-workshop.js";
import { WorkshopPage } from "./workshop-page.js";

/** The facilitator's side: the list of workshops and the create form, or one workshop. */
export function FacilitatorApp(props: FacilitatorProps) {
  if (props.workshopId !== undefined)
    return (
      <WorkshopPage
        client={props.client}
        workshopId={props.workshopId}
        onBack={() => props.open(undefined)}
      />
    );
  return <Home {...props} />;
}

function Home(props: FacilitatorProps) {
  const [items, setItems] = useState<Portfolio[]>();
  useEffect(() => {
    void props.client
      .json<{ items: Portfolio[] }>("/v1/portfolios?limit=100")
      .then((page) => setItems(page.items));
  }, []);
  return (
    <div class="stack">
      <header class="row spread">
        <h1>{m.home.title}</h1>
        <button type="button" class="secondary" onClick={props.signOut}>
          {m.signIn.signOut}
        </button>
      </header>
      {items === undefined ? (
        <p role="status">{m.loading}</p>
      ) : items.length === 0 ? (
        <p>{m.home.none}</p>
      ) : (
        <ul class="plain">
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={`#workshop=${encodeURIComponent(item.id)}`}
                aria-label={m.home.open(item.name)}
                onClick={(event) => {
                  event.preventDefault();
                  props.open(item.id);
                }}
              >
                {item.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <CreateWorkshop client={props.client} onCreated={props.open} />
    </div>
  );
}
