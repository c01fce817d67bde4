// The styles of the map's other pages (the accessibility statement).
import '@utrecht/component-library-css';
import '@utrecht/design-tokens/dist/index.css';
import './style.css';
