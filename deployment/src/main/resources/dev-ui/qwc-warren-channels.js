import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/** Every Warren channel with its direction, queue or exchange, connection state and counters; refreshed every 2 s. */
export class QwcWarrenChannels extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .state-up { color: var(--lumo-success-text-color); }
        .state-down, .state-recovering, .state-blocked { color: var(--lumo-error-text-color); }
        .counters { font-family: var(--lumo-font-family-monospace, monospace); font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _channels: { state: true },
    };

    connectedCallback() {
        super.connectedCallback();
        this._load();
        this._timer = setInterval(() => this._load(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _load() {
        this.jsonRpc.getChannels().then(response => {
            this._channels = response.result;
        });
    }

    render() {
        if (!this._channels) {
            return html`<span>Loading channels...</span>`;
        }
        return html`
            <vaadin-grid .items="${this._channels}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column auto-width header="Channel" path="channel"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Direction" path="direction"></vaadin-grid-column>
                <vaadin-grid-column auto-width header="Queue / exchange"
                    ${columnBodyRenderer(c => html`${c.direction === 'incoming' ? c.queue : (c.exchange || 'amq.default')}`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-column auto-width header="Connection"
                    ${columnBodyRenderer(c => html`<span class="state-${c.state}" title="${c.problem || ''}">${c.state}</span>`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-column auto-width header="Counters"
                    ${columnBodyRenderer(c => this._counters(c), [])}>
                </vaadin-grid-column>
            </vaadin-grid>`;
    }

    _counters(c) {
        const names = c.direction === 'incoming'
            ? ['delivered', 'acked', 'failed', 'redelivered', 'deduplicated', 'inFlight', 'prefetchInUse', 'recoveries']
            : ['sent', 'confirmed', 'nacked', 'returned', 'timedOut', 'awaitingConfirm', 'buffered', 'recoveries'];
        return html`<span class="counters">${names.filter(n => c[n] !== undefined).map(n => `${n} ${c[n]}`).join(' · ')}</span>`;
    }
}

customElements.define('qwc-warren-channels', QwcWarrenChannels);
