// Dutch labels for the exchange standard's codes (the codes themselves stay as the standard names them).

export const PLAN_TYPES: Record<string, string> = {
  RES: 'RES', CES: 'CES', RAL: 'RAL', RMP: 'RMP', woonagenda: 'Woonagenda', TVW: 'TVW', IP: 'Investeringsplan', other: 'Overig',
};

export const SECTORS: Record<string, string> = {
  housing: 'Wonen', utilityBuildings: 'Utiliteitsbouw', businessPark: 'Bedrijventerrein', industry: 'Industrie',
  mobility: 'Mobiliteit', renewableGeneration: 'Duurzame opwek', agriculture: 'Landbouw', heat: 'Warmte',
  storageConversion: 'Opslag en conversie', other: 'Overig',
};

export const CERTAINTIES: Record<string, string> = {
  realised: 'Gerealiseerd', underConstruction: 'In aanbouw', permitted: 'Vergund', inProcedure: 'In procedure',
  planned: 'Gepland', ambition: 'Ambitie',
};

export function options(codes: Record<string, string>, all: string): string {
  return `<option value="">${all}</option>` + Object.entries(codes).map(([code, label]) => `<option value="${code}">${label}</option>`).join('');
}

/** The rule set's kinds (what a quickscan or a development is), with the unit its size is stated in. */
export const KINDS: Record<string, { label: string; unit: string }> = {
  newBuildHomes: { label: 'Nieuwbouwwoningen', unit: 'homes' }, homeRenovation: { label: 'Renovatie van woningen', unit: 'homes' },
  heatPumps: { label: 'Warmtepompen', unit: 'homes' }, heatNetwork: { label: 'Warmtenet', unit: 'connections' },
  utilityBuilding: { label: 'Utiliteitsgebouw', unit: 'm2' }, businessPark: { label: 'Bedrijventerrein', unit: 'hectares' },
  greenhouse: { label: 'Glastuinbouw', unit: 'hectares' }, solarPark: { label: 'Zonnepark', unit: 'MWp' }, rooftopSolar: { label: 'Zon op dak', unit: 'MWp' },
  windTurbine: { label: 'Windturbine', unit: 'MW' }, chargingHub: { label: 'Laadplein', unit: 'chargingPoints' },
  truckCharging: { label: 'Laden vrachtwagens', unit: 'chargingPoints' }, busDepot: { label: 'Busremise', unit: 'vehicles' },
  shorePower: { label: 'Walstroom', unit: 'MW' }, electrification: { label: 'Elektrificatie industrie', unit: 'MW' },
  dataCentre: { label: 'Datacenter', unit: 'MW' }, electrolyser: { label: 'Elektrolyser', unit: 'MW' }, battery: { label: 'Batterij', unit: 'MW' },
};

export const UNITS: Record<string, string> = {
  homes: 'woningen', connections: 'aansluitingen', m2: 'm² bruto vloeroppervlak', hectares: 'hectare', MWp: 'MWp', MW: 'MW',
  chargingPoints: 'laadpunten', vehicles: 'voertuigen',
};
