/**
 * The proof that the four renderings mean the same thing: for every corpus case, cloud-init's own
 * converter (net-convert, Debian's cloud-init 22.4) reads each rendering, and
 * - the netplan it would write matches the intent of the spec as written (addresses, routes,
 *   gateways, nameservers, bond and VLAN settings, MACs, names);
 * - the /etc/network/interfaces its ENI renderer would write is the same for every rendering.
 * Netplan v2 input is passed through to netplan unchanged (what Ubuntu and Debian 13 do), so the
 * ENI comparison is where cloud-init's own v2 parser is exercised (what Debian 11 and 12 do).
 */
import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { parse } from 'yaml';
import { FORMATS, loadCorpus, type CorpusCase, type Format } from './corpus.js';
import { meaningOfEniOutput, type EniMeaning } from './eni-output.js';
import { convertAll, convertWithCli, type Conversion, type ConversionJob } from './net-convert.js';
import { meaningOfNetplan, meaningOfSpec, type NetworkMeaning } from './semantics.js';

const corpus = loadCorpus();

function macsOf(item: CorpusCase): ConversionJob['macs'] {
  return item.network.ethernets.flatMap((ethernet) => (ethernet.mac === null ? [] : [[ethernet.name, ethernet.mac] as const]));
}

function jobsOf(item: CorpusCase): ConversionJob[] {
  return FORMATS.flatMap((format) => {
    const rendering = item.renderings[format];
    return rendering.ok ? [{ id: `${item.name}/${format}`, format, rendering: rendering.value, macs: macsOf(item) }] : [];
  });
}

let conversions = new Map<string, Conversion>();
before(async () => {
  conversions = await convertAll(corpus.flatMap(jobsOf));
});

function conversionOf(item: CorpusCase, format: Format): Conversion {
  const conversion = conversions.get(`${item.name}/${format}`);
  assert.ok(conversion, `no conversion for ${item.name}/${format}`);
  assert.equal(conversion.error, null, `cloud-init failed on ${item.name}/${format}:\n${conversion.error}`);
  return conversion;
}

/** The MAC a bond or VLAN gets from the kernel when none is set: its first member's, or its link's. */
function kernelDefaultMac(intent: NetworkMeaning, name: string): string | null {
  const device = intent[name];
  const parent = device?.bond?.interfaces[0] ?? device?.vlan?.link;
  if (!device || parent === undefined) return null;
  return intent[parent]?.mac ?? kernelDefaultMac(intent, parent);
}

/** VLANs without a configured MAC, with the one the kernel gives them. */
function kernelMacs(intent: NetworkMeaning): Map<string, string | null> {
  return new Map(
    Object.entries(intent)
      .filter(([, device]) => device.kind === 'vlan' && device.mac === null)
      .map(([name]) => [name, kernelDefaultMac(intent, name)]),
  );
}

/** Nova's meaning of the network types: no router advertisements on a static IPv6 link, yes with DHCPv6. */
function networkDataAcceptRa(device: NetworkMeaning[string]): boolean | null {
  if (device.dhcp6) return true;
  return device.addresses.some((address) => address.includes(':')) ? false : null;
}

/**
 * What cloud-init adds on its own when it reads network_data.json, checked to be exactly that and
 * then set aside: (1) every VLAN link carries a MAC (cloud-init requires vlan_mac_address), which
 * we set to what the kernel gives the VLAN anyway; (2) convert_net_json turns accept-ra off for a
 * link with a static IPv6 network and on for DHCPv6 (Nova's meaning of those network types; the
 * other renderings leave the kernel default). Nothing else may differ.
 */
function setAsideNetworkDataAdditions(meaning: NetworkMeaning, intent: NetworkMeaning): NetworkMeaning {
  const macs = kernelMacs(intent);
  return Object.fromEntries(
    Object.entries(meaning).map(([name, device]) => {
      const wanted = intent[name];
      if (!wanted) return [name, device];
      assert.equal(device.acceptRa, networkDataAcceptRa(wanted), `${name}: accept-ra from network_data.json`);
      if (macs.has(name)) assert.equal(device.mac, macs.get(name), `${name}: MAC from network_data.json`);
      return [name, { ...device, acceptRa: null, mac: macs.has(name) ? null : device.mac }];
    }),
  );
}

/**
 * The same additions as cloud-init's ENI renderer prints them (`hwaddress`, `accept_ra 0|1`); it
 * prints device attributes on a device's first stanza only, so accept_ra may also be missing.
 */
function setAsideNetworkDataEniAdditions(meaning: EniMeaning, intent: NetworkMeaning): EniMeaning {
  const macs = kernelMacs(intent);
  const devices = Object.fromEntries(
    Object.entries(meaning.devices).map(([name, device]) => {
      const wanted = intent[name];
      if (!wanted) return [name, device];
      const acceptRa = networkDataAcceptRa(wanted);
      const printed = acceptRa === null ? null : acceptRa ? '1' : '0';
      assert.ok(device.acceptRa === null || device.acceptRa === printed, `${name}: accept_ra ${device.acceptRa} from network_data.json`);
      if (macs.has(name)) assert.equal(device.hwaddress, macs.get(name), `${name}: hwaddress from network_data.json`);
      return [name, { ...device, acceptRa: null, hwaddress: macs.has(name) ? null : device.hwaddress }];
    }),
  );
  return { ...meaning, devices };
}

/**
 * cloud-init before 23.3 drops route metrics when its own parser reads netplan v2 (the ENI path of
 * Debian 11/12; fixed by commit c68305a9); netplan itself keeps them (checked against the intent).
 */
function withoutMetrics(meaning: EniMeaning): EniMeaning {
  const devices = Object.fromEntries(
    Object.entries(meaning.devices).map(([name, device]) => [name, { ...device, routes: device.routes.map((r) => r.replace(/ metric \d+$/, '')).sort() }]),
  );
  return { ...meaning, devices };
}

test('the corpus has at least 12 cases and every one renders somewhere', () => {
  assert.ok(corpus.length >= 12, `only ${corpus.length} cases`);
  for (const item of corpus) assert.ok(FORMATS.some((format) => item.renderings[format].ok), item.name);
});

for (const item of corpus) {
  const rendered = FORMATS.filter((format) => item.renderings[format].ok);

  test(`${item.name}: the netplan cloud-init makes of each rendering matches the spec (${rendered.join(', ')})`, () => {
    const intent = meaningOfSpec(item.spec);
    for (const format of rendered) {
      const netplan = conversionOf(item, format).netplan;
      assert.ok(netplan, `${format}: no netplan output`);
      const meaning = meaningOfNetplan(netplan);
      const compared = format === 'network-data' ? setAsideNetworkDataAdditions(meaning, intent) : meaning;
      assert.deepStrictEqual(compared, intent, `${item.name}/${format}`);
    }
  });

  test(`${item.name}: cloud-init's ENI rendering is the same for each rendering`, () => {
    const intent = meaningOfSpec(item.spec);
    const reference = rendered.includes('v1') ? 'v1' : rendered[0];
    assert.ok(reference);
    const expected = meaningOfEniOutput(conversionOf(item, reference).eni ?? '');
    for (const format of rendered.filter((f) => f !== reference)) {
      const actual = meaningOfEniOutput(conversionOf(item, format).eni ?? '');
      if (format === 'netplan-v2') assert.deepStrictEqual(withoutMetrics(actual), withoutMetrics(expected), `${item.name}/${format}`);
      else if (format === 'network-data') assert.deepStrictEqual(setAsideNetworkDataEniAdditions(actual, intent), expected, `${item.name}/${format}`);
      else assert.deepStrictEqual(actual, expected, `${item.name}/${format}`);
    }
  });
}

test('the batch runs exactly what the cloud-init command line runs', async () => {
  const item = corpus.find((candidate) => candidate.name === 'vlan-on-bond');
  assert.ok(item);
  for (const format of ['v1', 'network-data'] as const) {
    const rendering = item.renderings[format];
    assert.ok(rendering.ok);
    const conversion = conversionOf(item, format);
    const netplan = await convertWithCli(format, rendering.value, 'netplan', macsOf(item));
    const eni = await convertWithCli(format, rendering.value, 'eni', macsOf(item));
    assert.deepStrictEqual(parse(netplan), conversion.netplan);
    assert.equal(eni, conversion.eni);
  }
});
