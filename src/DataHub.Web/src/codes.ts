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
