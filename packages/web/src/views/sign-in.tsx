import { useState } from "preact/hooks";
import { messages as m } from "../messages.js";

/** The sign-in box: takes the facilitator's key when the page was opened without one. */
export function SignIn(props: { readonly onSignIn: (key: string) => void }) {
  const [key, setKey] = useState("");
  return (
    <section class="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{m.signIn.title}</h1>
      <p>{m.signIn.intro}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim() !== "") props.onSignIn(key.trim());
        }}
      >
        <label for="key">{m.signIn.keyLabel}</label>
        <input
          id="key"
          type="password"
          autoComplete="off"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          required
        />
        <button type="submit">{m.signIn.submit}</button>
      </form>
    </section>
  );
}
